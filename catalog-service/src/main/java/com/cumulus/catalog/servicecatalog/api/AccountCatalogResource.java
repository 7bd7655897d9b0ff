package com.cumulus.catalog.servicecatalog.api;

import com.cumulus.catalog.servicecatalog.api.AccountDtos.ConsumerResult;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ConsumerTokenResult;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ConsumerTokenWrite;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ConsumerWrite;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ProjectConsumerResult;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ProjectConsumerWrite;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ProjectServiceResult;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ProjectServiceWrite;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ServiceItemResult;
import com.cumulus.catalog.servicecatalog.api.AccountDtos.ServiceItemWrite;
import com.cumulus.catalog.servicecatalog.service.ServiceCatalog;
import com.cumulus.catalog.servicecatalog.service.ServiceCatalog.ProjectItemView;
import com.cumulus.catalog.web.AccountEnvelope;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.common.errors.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Seed 003 account API, catalog part: envelope {@code {"meta":{"params":{"indent":N}},"content":...}}, the seed's
 * status codes (201 create, 202 delete, 201 token delete) and OPTIONS on every path.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class AccountCatalogResource {
    private final ServiceCatalog catalog;
    private final AccountEnvelope envelope;
    private final CurrentCaller caller;

    /** Seed 003 bodies are flat camelCase, so common's Bean Validation mapper names their fields as written. */
    public AccountCatalogResource(ServiceCatalog catalog, AccountEnvelope envelope, CurrentCaller caller) {
        this.catalog = catalog;
        this.envelope = envelope;
        this.caller = caller;
    }

    @GET
    @Path("services")
    @Authenticated
    public Uni<Response> services(@QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.items().map(items -> envelope.of(200, items.stream()
                .map(i -> new ServiceItemResult(i.name, i.description, i.codeName)).toList(), n));
    }

    @POST
    @Path("services")
    @Authenticated
    public Uni<Response> createService(@QueryParam("indent") String indent, @Valid @NotNull ServiceItemWrite body) {
        int n = AccountEnvelope.indent(indent);
        return catalog.createItem(caller.get(), body.codeName(), body.name(), body.description())
                .map(i -> envelope.of(201, new ServiceItemResult(i.name, i.description, i.codeName), n));
    }

    @OPTIONS
    @Path("services")
    public Response servicesOptions() {
        return AccountEnvelope.options("GET, POST, OPTIONS");
    }

    @POST
    @Path("projects/{project_id}/services")
    @Authenticated
    public Uni<Response> attach(@PathParam("project_id") String projectId, @QueryParam("indent") String indent,
                                @Valid @NotNull ProjectServiceWrite body) {
        int n = AccountEnvelope.indent(indent);
        if (body.code() == null || body.code().isBlank()) {
            throw ApiException.invalid("serviceCatalogCode", "must not be blank");
        }
        return catalog.attach(caller.get(), projectId, body.code(), body.name(), body.description())
                .map(v -> envelope.of(201, result(v), n));
    }

    @OPTIONS
    @Path("projects/{project_id}/services")
    public Response attachOptions() {
        return AccountEnvelope.options("POST, OPTIONS");
    }

    @GET
    @Path("projects/{project_id}/services/{service_catalog_code}")
    @Authenticated
    public Uni<Response> projectService(@PathParam("project_id") String projectId,
                                        @PathParam("service_catalog_code") String code,
                                        @QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.projectItem(caller.get(), projectId, code).map(v -> envelope.of(200, result(v), n));
    }

    @DELETE
    @Path("projects/{project_id}/services/{service_catalog_code}")
    @Authenticated
    public Uni<Response> detach(@PathParam("project_id") String projectId,
                                @PathParam("service_catalog_code") String code, @QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.detach(caller.get(), projectId, code).map(v -> envelope.of(202, null, n));
    }

    @OPTIONS
    @Path("projects/{project_id}/services/{service_catalog_code}")
    public Response projectServiceOptions() {
        return AccountEnvelope.options("GET, DELETE, OPTIONS");
    }

    @GET
    @Path("consumers")
    @Authenticated
    public Uni<Response> consumers(@QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.consumers(caller.get())
                .map(list -> envelope.of(200, list.stream().map(c -> new ConsumerResult(c.id)).toList(), n));
    }

    @POST
    @Path("consumers")
    @Authenticated
    public Uni<Response> createConsumer(@QueryParam("indent") String indent, @Valid ConsumerWrite body) {
        int n = AccountEnvelope.indent(indent);
        String org = body == null ? null : body.organizationId();
        return catalog.createConsumer(caller.get(), org).map(c -> envelope.of(201, new ConsumerResult(c.id), n));
    }

    @OPTIONS
    @Path("consumers")
    public Response consumersOptions() {
        return AccountEnvelope.options("GET, POST, OPTIONS");
    }

    @POST
    @Path("projects/{project_id}/consumers")
    @Authenticated
    public Uni<Response> attachConsumer(@PathParam("project_id") String projectId, @QueryParam("indent") String indent,
                                        @Valid @NotNull ProjectConsumerWrite body) {
        int n = AccountEnvelope.indent(indent);
        return catalog.attachConsumer(caller.get(), projectId, body.consumerId())
                .map(link -> envelope.of(201, new ProjectConsumerResult(link.consumerId), n));
    }

    @OPTIONS
    @Path("projects/{project_id}/consumers")
    public Response attachConsumerOptions() {
        return AccountEnvelope.options("POST, OPTIONS");
    }

    @DELETE
    @Path("projects/{project_id}/consumers/{consumer_id}")
    @Authenticated
    public Uni<Response> detachConsumer(@PathParam("project_id") String projectId,
                                        @PathParam("consumer_id") String consumerId,
                                        @QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.detachConsumer(caller.get(), projectId, consumerId).map(v -> envelope.of(202, null, n));
    }

    @OPTIONS
    @Path("projects/{project_id}/consumers/{consumer_id}")
    public Response detachConsumerOptions() {
        return AccountEnvelope.options("DELETE, OPTIONS");
    }

    @POST
    @Path("consumer-tokens")
    @Authenticated
    public Uni<Response> issueToken(@QueryParam("indent") String indent, @Valid @NotNull ConsumerTokenWrite body) {
        int n = AccountEnvelope.indent(indent);
        return catalog.issueToken(caller.get(), body.consumerId(), body.projectId(), body.serviceCatalogCode())
                .map(t -> envelope.of(201, new ConsumerTokenResult(t.token().id, t.token().consumerId,
                        t.token().projectId, t.token().serviceCatalogCode, t.clearToken()), n));
    }

    @OPTIONS
    @Path("consumer-tokens")
    public Response issueTokenOptions() {
        return AccountEnvelope.options("POST, OPTIONS");
    }

    /** Seed 003 documents 201 for this delete. */
    @DELETE
    @Path("consumer-tokens/{token_id}/projects/{project_id}/services/{service_catalog_code}")
    @Authenticated
    public Uni<Response> revokeToken(@PathParam("token_id") String tokenId, @PathParam("project_id") String projectId,
                                     @PathParam("service_catalog_code") String code,
                                     @QueryParam("indent") String indent) {
        int n = AccountEnvelope.indent(indent);
        return catalog.revokeToken(caller.get(), tokenId, projectId, code).map(v -> envelope.of(201, null, n));
    }

    @OPTIONS
    @Path("consumer-tokens/{token_id}/projects/{project_id}/services/{service_catalog_code}")
    public Response revokeTokenOptions() {
        return AccountEnvelope.options("DELETE, OPTIONS");
    }

    private static ProjectServiceResult result(ProjectItemView view) {
        var item = view.item();
        return new ProjectServiceResult(item.id.toString().replace("-", ""), item.itemLimit, view.itemUsed(),
                item.name, item.description, item.serviceCatalogCode);
    }
}
