package com.cumulus.tenancy.organization.api.cloud;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.organization.api.cloud.CloudOrganizationDtos.OrganizationPatch;
import com.cumulus.tenancy.organization.api.cloud.CloudOrganizationDtos.OrganizationResult;
import com.cumulus.tenancy.organization.api.cloud.CloudOrganizationDtos.PrivateEndpoint;
import com.cumulus.tenancy.organization.service.OrganizationChange;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.web.CloudBody;
import com.cumulus.tenancy.web.Json;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Seed 004: {@code /v1/organizations}. */
@Path("/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CloudOrganizationsResource {

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final OrganizationService service;
    private final CurrentCaller callers;

    public CloudOrganizationsResource(OrganizationService service, CurrentCaller callers) {
        this.service = service;
        this.callers = callers;
    }

    @GET
    public Uni<CloudBody<List<OrganizationResult>>> list() {
        return service.mine(callers.get()).map(l -> CloudBody.ok(l.stream().map(OrganizationResult::of).toList()));
    }

    @GET
    @Path("/{organizationId}")
    public Uni<CloudBody<OrganizationResult>> get(@PathParam("organizationId") String id) {
        return service.get(callers.get(), AccessService.parseId(id, "organization"))
                .map(o -> CloudBody.ok(OrganizationResult.of(o)));
    }

    @PATCH
    @Path("/{organizationId}")
    public Uni<CloudBody<OrganizationResult>> patch(@PathParam("organizationId") String id,
                                                    OrganizationPatch body) {
        bodies.valid(body);
        var orgId = AccessService.parseId(id, "organization");
        return service.update(callers.get(), orgId, OrganizationChange.none().withTitle(body.name()), org -> {
                    if (body.privateEndpoints() != null) {
                        org.privateEndpoints = edited(org.privateEndpoints, body.privateEndpoints().add(),
                                body.privateEndpoints().remove());
                    }
                })
                .map(o -> CloudBody.ok(OrganizationResult.of(o)));
    }

    private static String edited(String current, List<PrivateEndpoint> add, List<PrivateEndpoint> remove) {
        java.util.LinkedHashMap<String, java.util.Map<String, String>> byId = new java.util.LinkedHashMap<>();
        for (java.util.Map<String, String> e : Json.list(current)) {
            byId.put(e.get("id"), e);
        }
        if (remove != null) {
            remove.forEach(e -> byId.remove(e.id()));
        }
        if (add != null) {
            for (PrivateEndpoint e : add) {
                java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
                m.put("id", e.id());
                m.put("description", e.description());
                m.put("cloudProvider", e.cloudProvider());
                m.put("region", e.region());
                byId.put(e.id(), m);
            }
        }
        return Json.write(List.copyOf(byId.values()));
    }
}
