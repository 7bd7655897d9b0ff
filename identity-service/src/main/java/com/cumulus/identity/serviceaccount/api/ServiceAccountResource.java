package com.cumulus.identity.serviceaccount.api;

import com.cumulus.identity.security.CurrentCaller;
import com.cumulus.identity.serviceaccount.domain.ServiceAccount;
import com.cumulus.identity.serviceaccount.service.ServiceAccountService;
import com.cumulus.identity.web.Organizations;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 001 {@code /api/v1/organizations/{organizationID}/serviceaccounts}, as {@code {metadata, spec, status}}. */
@Path("/api/v1/organizations/{organizationID}/serviceaccounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ServiceAccountResource {

    @Inject
    ServiceAccountService service;
    @Inject
    CurrentCaller callers;

    @GET
    public Uni<List<Map<String, Object>>> list(@PathParam("organizationID") String organizationId) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "organization");
        return service.list(org).map(accounts -> accounts.stream().map(a -> read(a, null)).toList());
    }

    @POST
    public Uni<Response> create(@PathParam("organizationID") String organizationId, JsonNode body) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "organization");
        return service.create(org, body, callers.get())
                .map(created -> Response.status(201).entity(read(created.account(), created.token())).build());
    }

    @PUT
    @Path("/{serviceAccountID}")
    public Uni<Map<String, Object>> update(@PathParam("organizationID") String organizationId,
                                           @PathParam("serviceAccountID") String id, JsonNode body) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "service account");
        return service.update(org, id, body, callers.get()).map(a -> read(a, null));
    }

    @DELETE
    @Path("/{serviceAccountID}")
    public Uni<Response> delete(@PathParam("organizationID") String organizationId,
                                @PathParam("serviceAccountID") String id) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "service account");
        return service.delete(org, id, callers.get()).map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/{serviceAccountID}/rotate")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> rotate(@PathParam("organizationID") String organizationId,
                                           @PathParam("serviceAccountID") String id) {
        var org = Organizations.requireAdmin(callers.get(), organizationId, "service account");
        return service.rotate(org, id, callers.get()).map(r -> read(r.account(), r.token()));
    }

    static Map<String, Object> read(ServiceAccount a, String token) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", a.id.toString());
        metadata.put("name", a.name);
        if (a.description != null) {
            metadata.put("description", a.description);
        }
        metadata.put("organizationId", a.organizationId.toString());
        metadata.put("creationTime", a.createdAt.toString());
        metadata.put("modifiedTime", a.modifiedAt.toString());
        metadata.put("createdBy", a.createdBy);
        metadata.put("modifiedBy", a.modifiedBy);
        metadata.put("provisioningStatus", "provisioned");
        metadata.put("healthStatus", "healthy");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("expiry", a.tokenExpiresAt.toString());
        if (token != null) {
            status.put("accessToken", token);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata", metadata);
        out.put("spec", Map.of("groupIDs", a.groupIdList()));
        out.put("status", status);
        return out;
    }
}
