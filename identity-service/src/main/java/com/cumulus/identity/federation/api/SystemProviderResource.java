package com.cumulus.identity.federation.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.identity.federation.domain.IdentityProvider;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 001 system OAuth 2.0 providers as {@code {metadata, spec}}: the list for any authenticated caller; create,
 * update and delete (not in the seed, which lists them only) for platform admins. {@code spec.clientSecret} is
 * write-only. Organization providers: {@link OrganizationProviderResource}.
 */
@Path("/api/v1/oauth2providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class SystemProviderResource {

    @Inject
    ProviderService providers;
    @Inject
    CurrentCaller callers;

    @GET
    public Uni<List<Map<String, Object>>> listSystem() {
        return providers.list(null).map(SystemProviderResource::readAll);
    }

    @POST
    public Uni<Response> createSystem(JsonNode body) {
        Caller caller = platformAdmin();
        return providers.create(null, body, caller).map(p -> Response.status(201).entity(read(p)).build());
    }

    @PUT
    @Path("/{providerID}")
    public Uni<Map<String, Object>> updateSystem(@PathParam("providerID") String id, JsonNode body) {
        Caller caller = platformAdmin();
        return providers.update(null, id, body, caller).map(SystemProviderResource::read);
    }

    @DELETE
    @Path("/{providerID}")
    public Uni<Response> deleteSystem(@PathParam("providerID") String id) {
        Caller caller = platformAdmin();
        return providers.delete(null, id, caller).map(ignored -> Response.ok().build());
    }

    private Caller platformAdmin() {
        Caller caller = callers.get();
        if (!caller.isPlatformAdmin()) {
            throw ApiException.forbidden("platform-admin role required to manage system providers");
        }
        return caller;
    }

    static List<Map<String, Object>> readAll(List<IdentityProvider> list) {
        return list.stream().map(SystemProviderResource::read).toList();
    }

    /** oauth2ProviderRead: never the client secret. */
    static Map<String, Object> read(IdentityProvider p) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", p.id.toString());
        metadata.put("name", p.name);
        if (p.description != null) {
            metadata.put("description", p.description);
        }
        if (p.organizationId != null) {
            metadata.put("organizationId", p.organizationId.toString());
        }
        metadata.put("creationTime", p.createdAt.toString());
        metadata.put("createdBy", p.createdBy);
        metadata.put("modifiedTime", p.modifiedAt.toString());
        metadata.put("modifiedBy", p.modifiedBy);
        metadata.put("provisioningStatus", "provisioned");
        metadata.put("healthStatus", "healthy");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", p.type);
        spec.put("issuer", p.issuer);
        spec.put("clientID", p.clientId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata", metadata);
        out.put("spec", spec);
        return out;
    }
}
