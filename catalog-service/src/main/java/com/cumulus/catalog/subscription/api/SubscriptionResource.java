package com.cumulus.catalog.subscription.api;

import com.cumulus.catalog.subscription.service.SubscriptionService;
import com.cumulus.catalog.subscription.repository.SubscriptionReads.SubscriptionView;
import com.cumulus.catalog.web.BodyValidator;
import com.cumulus.catalog.web.Connect;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.common.web.Yaml;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 002 subscriptions of an application to a product plan. */
@Path("/apps/{org}/{app}/subscriptions")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
@Consumes({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class SubscriptionResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SubscriptionWrite(
            @NotBlank @Size(max = 2048) String productUrl,
            @NotBlank @Size(max = 255) String plan,
            @Size(min = 1, max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String name,
            @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            JsonNode metadata) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SubscriptionPatch(
            @Pattern(regexp = "pending|enabled|rejected|disabled", message = "must be pending, enabled, rejected or disabled") String state,
            @Size(min = 1, max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String name,
            @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            JsonNode metadata) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductLink(String name, String version, String title) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionRead(String type, String apiVersion, String id, String name, String title,
                                   String summary, String state, String productUrl, ProductLink product, String plan,
                                   JsonNode metadata, String appUrl, String createdAt, String updatedAt, String url) {
    }

    private final SubscriptionService subscriptions;
    private final Connect connect;
    private final CurrentCaller caller;
    private final BodyValidator validator;

    public SubscriptionResource(SubscriptionService subscriptions, Connect connect, CurrentCaller caller,
                                BodyValidator validator) {
        this.subscriptions = subscriptions;
        this.connect = connect;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    public Uni<Response> create(@PathParam("org") String org, @PathParam("app") String app, SubscriptionWrite body) {
        validator.snake(body);
        return subscriptions.create(caller.get(), org, app, new SubscriptionService.NewSubscription(body.productUrl(),
                        body.plan(), body.name(), body.title(), body.summary(), body.metadata()))
                .map(s -> Response.status(201).entity(connect.one(read(SubscriptionService.view(s)), null)).build());
    }

    @GET
    @Path("{subscription}")
    public Uni<JsonNode> get(@PathParam("org") String org, @PathParam("app") String app,
                             @PathParam("subscription") String subscription, @QueryParam("fields") String fields) {
        return subscriptions.get(caller.get(), org, app, subscription).map(s -> connect.one(read(s), fields));
    }

    @PATCH
    @Path("{subscription}")
    public Uni<JsonNode> update(@PathParam("org") String org, @PathParam("app") String app,
                                @PathParam("subscription") String subscription, SubscriptionPatch body) {
        validator.snake(body);
        return subscriptions.update(caller.get(), org, app, subscription, new SubscriptionService.SubscriptionChange(
                        body.state(), body.name(), body.title(), body.summary(), body.metadata()))
                .map(s -> connect.one(read(SubscriptionService.view(s)), null));
    }

    @DELETE
    @Path("{subscription}")
    public Uni<JsonNode> delete(@PathParam("org") String org, @PathParam("app") String app,
                                @PathParam("subscription") String subscription) {
        return subscriptions.delete(caller.get(), org, app, subscription)
                .map(s -> connect.one(read(SubscriptionService.view(s)), null));
    }

    private SubscriptionRead read(SubscriptionView s) {
        String appUrl = "/apps/" + s.organizationId() + "/" + s.appId();
        return new SubscriptionRead("subscription", Connect.API_VERSION, s.id().toString(), s.name(), s.title(),
                s.summary(), s.state(), "/products/" + s.productName() + "/" + s.productVersion(),
                new ProductLink(s.productName(), s.productVersion(), s.productTitle()), s.plan(),
                subscriptions.metadata(s.metadata()), appUrl, s.createdAt().toString(), s.updatedAt().toString(),
                appUrl + "/subscriptions/" + s.id());
    }
}
