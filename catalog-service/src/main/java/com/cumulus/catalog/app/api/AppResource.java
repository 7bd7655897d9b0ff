package com.cumulus.catalog.app.api;

import com.cumulus.catalog.app.api.AppDtos.AppPatch;
import com.cumulus.catalog.app.api.AppDtos.AppRead;
import com.cumulus.catalog.app.api.AppDtos.AppWrite;
import com.cumulus.catalog.app.api.AppDtos.CredentialRead;
import com.cumulus.catalog.app.api.AppDtos.CredentialWrite;
import com.cumulus.catalog.app.api.AppDtos.SecretCheck;
import com.cumulus.catalog.app.api.AppDtos.SecretCheckResult;
import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.app.domain.Credential;
import com.cumulus.catalog.app.service.AppService;
import com.cumulus.catalog.web.BodyValidator;
import com.cumulus.catalog.web.Connect;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.common.web.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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

/** Seed 002 applications and their credentials; {org} is an organization id from the token's {@code orgs}. */
@Path("/apps/{org}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
@Consumes({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class AppResource {
    private final AppService apps;
    private final Connect connect;
    private final CurrentCaller caller;
    private final BodyValidator validator;

    public AppResource(AppService apps, Connect connect, CurrentCaller caller, BodyValidator validator) {
        this.apps = apps;
        this.connect = connect;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    public Uni<Response> create(@PathParam("org") String org, AppWrite body) {
        validator.snake(body);
        return apps.create(caller.get(), org, new AppService.NewApp(body.name(), body.title(), body.summary(),
                        body.state(), body.appType(), body.applicationType(), body.redirectEndpoints(), body.metadata()))
                .map(issued -> Response.status(201).entity(connect.one(
                        read(issued.app(), issued.credential().clientId, issued.clientSecret()), null)).build());
    }

    @GET
    @Path("{app}")
    public Uni<JsonNode> get(@PathParam("org") String org, @PathParam("app") String app,
                             @QueryParam("fields") String fields) {
        return apps.get(caller.get(), org, app).map(a -> connect.one(read(a, null, null), fields));
    }

    @PATCH
    @Path("{app}")
    public Uni<JsonNode> update(@PathParam("org") String org, @PathParam("app") String app, AppPatch body) {
        validator.snake(body);
        return apps.update(caller.get(), org, app, new AppService.AppChange(body.name(), body.title(), body.summary(),
                        body.state(), body.appType(), body.applicationType(), body.redirectEndpoints(), body.metadata()))
                .map(a -> connect.one(read(a, null, null), null));
    }

    @DELETE
    @Path("{app}")
    public Uni<JsonNode> delete(@PathParam("org") String org, @PathParam("app") String app) {
        return apps.delete(caller.get(), org, app).map(a -> connect.one(read(a, null, null), null));
    }

    @POST
    @Path("{app}/credentials")
    @Consumes({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML, MediaType.WILDCARD})
    public Uni<Response> createCredential(@PathParam("org") String org, @PathParam("app") String app,
                                          CredentialWrite body) {
        CredentialWrite input = body == null ? new CredentialWrite(null, null, null, null) : validator.snake(body);
        return apps.createCredential(caller.get(), org, app, new AppService.CredentialChange(input.name(),
                        input.title(), input.summary(), input.metadata()))
                .map(issued -> Response.status(201).entity(connect.one(
                        credential(issued.app(), issued.credential(), issued.clientSecret()), null)).build());
    }

    @GET
    @Path("{app}/credentials")
    public Uni<JsonNode> credentials(@PathParam("org") String org, @PathParam("app") String app,
                                     @QueryParam("fields") String fields) {
        return apps.get(caller.get(), org, app).chain(a -> apps.credentials(caller.get(), org, app)
                .map(list -> connect.list(list.stream().map(c -> credential(a, c, null)).toList(), fields)));
    }

    @GET
    @Path("{app}/credentials/{credential}")
    public Uni<JsonNode> credential(@PathParam("org") String org, @PathParam("app") String app,
                                    @PathParam("credential") String credential, @QueryParam("fields") String fields) {
        return apps.credential(caller.get(), org, app, credential)
                .map(ac -> connect.one(credential(ac.app(), ac.credential(), null), fields));
    }

    @PATCH
    @Path("{app}/credentials/{credential}")
    public Uni<JsonNode> updateCredential(@PathParam("org") String org, @PathParam("app") String app,
                                          @PathParam("credential") String credential, CredentialWrite body) {
        validator.snake(body);
        return apps.updateCredential(caller.get(), org, app, credential, new AppService.CredentialChange(body.name(),
                        body.title(), body.summary(), body.metadata()))
                .map(ac -> connect.one(credential(ac.app(), ac.credential(), null), null));
    }

    @DELETE
    @Path("{app}/credentials/{credential}")
    public Uni<JsonNode> deleteCredential(@PathParam("org") String org, @PathParam("app") String app,
                                          @PathParam("credential") String credential) {
        return apps.deleteCredential(caller.get(), org, app, credential)
                .map(ac -> connect.one(credential(ac.app(), ac.credential(), null), null));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("{app}/credentials/{credential}/reset")
    public Uni<JsonNode> reset(@PathParam("org") String org, @PathParam("app") String app,
                               @PathParam("credential") String credential) {
        return apps.reset(caller.get(), org, app, credential, true)
                .map(i -> connect.one(credential(i.app(), i.credential(), i.clientSecret()), null));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("{app}/credentials/{credential}/reset-client-secret")
    public Uni<JsonNode> resetSecret(@PathParam("org") String org, @PathParam("app") String app,
                                     @PathParam("credential") String credential) {
        return apps.reset(caller.get(), org, app, credential, false)
                .map(i -> connect.one(credential(i.app(), i.credential(), i.clientSecret()), null));
    }

    @POST
    @Path("{app}/credentials/{credential}/verify-client-secret")
    public Uni<JsonNode> verify(@PathParam("org") String org, @PathParam("app") String app,
                                @PathParam("credential") String credential, SecretCheck body) {
        validator.snake(body);
        return apps.verify(caller.get(), org, app, credential, body.clientSecret())
                .map(ok -> connect.one(new SecretCheckResult("client_secret_verification", Connect.API_VERSION, ok),
                        null));
    }

    AppRead read(App a, String clientId, String clientSecret) {
        String url = "/apps/" + a.organizationId + "/" + a.id;
        return new AppRead("app", Connect.API_VERSION, a.id.toString(), a.name, a.title, a.summary, a.state,
                a.appType, a.applicationType, apps.redirectEndpoints(a), clientId, clientSecret,
                apps.metadata(a.metadata), "/orgs/" + a.organizationId, a.createdAt.toString(),
                a.updatedAt.toString(), url);
    }

    CredentialRead credential(App a, Credential c, String clientSecret) {
        String appUrl = "/apps/" + a.organizationId + "/" + a.id;
        return new CredentialRead("credential", Connect.API_VERSION, c.id.toString(), c.name, c.title, c.summary,
                c.clientId, clientSecret, a.state, apps.metadata(c.metadata), appUrl, c.createdAt.toString(),
                c.updatedAt.toString(), appUrl + "/credentials/" + c.id);
    }
}
