package com.cumulus.identity.federation.api;

import com.cumulus.identity.federation.service.ProviderService;
import com.cumulus.identity.security.CurrentCaller;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 001 organization OAuth 2.0 providers as {@code {metadata, spec}}: list for members, create/update/delete for
 * organization admins; another organization's caller gets 404. {@code spec.clientSecret} is write-only.
 */
@Path("/api/v1/organizations/{organizationID}/oauth2providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class OrganizationProviderResource {

    @Inject
    ProviderService providers;
    @Inject
    CurrentCaller callers;

    @GET
    public Uni<List<Map<String, Object>>> list(@PathParam("organizationID") String organizationId) {
        UUID org = Organizations.requireMember(callers.get(), organizationId, "organization");
        return providers.list(org).map(SystemProviderResource::readAll);
    }

    @POST
    public Uni<Response> create(@PathParam("organizationID") String organizationId, JsonNode body) {
        UUID org = Organizations.requireAdmin(callers.get(), organizationId, "organization");
        return providers.create(org, body, callers.get()).map(p -> Response.status(201).entity(SystemProviderResource.read(p)).build());
    }

    @PUT
    @Path("/{providerID}")
    public Uni<Map<String, Object>> update(@PathParam("organizationID") String organizationId,
                                           @PathParam("providerID") String id, JsonNode body) {
        UUID org = Organizations.requireAdmin(callers.get(), organizationId, "provider");
        return providers.update(org, id, body, callers.get()).map(SystemProviderResource::read);
    }

    @DELETE
    @Path("/{providerID}")
    public Uni<Response> delete(@PathParam("organizationID") String organizationId,
                                @PathParam("providerID") String id) {
        UUID org = Organizations.requireAdmin(callers.get(), organizationId, "provider");
        return providers.delete(org, id, callers.get()).map(ignored -> Response.ok().build());
    }
}
