package com.cumulus.identity.apikey.api;

import com.cumulus.identity.apikey.service.ApiKeyService;
import com.cumulus.identity.security.CurrentCaller;
import com.cumulus.identity.web.CloudEnvelope;
import com.cumulus.identity.web.Organizations;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 004 {@code /v1/organizations/{organizationId}/keys}: organization admins manage API keys. */
@Path("/v1/organizations/{organizationId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;
    @Inject
    CurrentCaller callers;

    @GET
    public Uni<Response> list(@PathParam("organizationId") String organizationId) {
        return keys.list(Organizations.requireAdmin(callers.get(), organizationId, "organization"))
                .map(CloudEnvelope::ok);
    }

    @POST
    public Uni<Response> create(@PathParam("organizationId") String organizationId, JsonNode body) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "organization");
        return keys.create(org, body, callers.get()).map(CloudEnvelope::ok);
    }

    @GET
    @Path("/{keyId}")
    public Uni<Response> get(@PathParam("organizationId") String organizationId, @PathParam("keyId") String keyId) {
        return keys.get(Organizations.requireAdmin(callers.get(), organizationId, "key"), keyId).map(CloudEnvelope::ok);
    }

    @PATCH
    @Path("/{keyId}")
    public Uni<Response> update(@PathParam("organizationId") String organizationId, @PathParam("keyId") String keyId,
                                JsonNode body) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "key");
        return keys.update(org, keyId, body, callers.get()).map(CloudEnvelope::ok);
    }

    @DELETE
    @Path("/{keyId}")
    public Uni<Response> delete(@PathParam("organizationId") String organizationId, @PathParam("keyId") String keyId) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "key");
        return keys.delete(org, keyId, callers.get()).map(ignored -> CloudEnvelope.ok(null));
    }
}
