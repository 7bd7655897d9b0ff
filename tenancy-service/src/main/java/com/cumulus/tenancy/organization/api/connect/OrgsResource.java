package com.cumulus.tenancy.organization.api.connect;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.organization.service.OrganizationChange;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.web.Json;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Seed 002: {@code /orgs/{org}} by name or id; JSON or YAML. */
@Path("/orgs/{org}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class OrgsResource {

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final OrganizationService service;
    private final CurrentCaller callers;

    public OrgsResource(OrganizationService service, CurrentCaller callers) {
        this.service = service;
        this.callers = callers;
    }

    @PATCH
    public Uni<ConnectOrgObject> patch(@PathParam("org") String org, ConnectOrgPatch body) {
        bodies.valid(body);
        OrganizationChange change = new OrganizationChange(body.name(), body.title(), body.summary(), null, null,
                body.state(), body.metadata() == null ? null : Json.write(body.metadata()), null, null, null);
        return service.resolve(callers.get(), org, Permissions.ORG_READ)
                .chain(o -> service.update(callers.get(), o.id, change))
                .map(ConnectOrgObject::of);
    }

    @DELETE
    public Uni<ConnectOrgObject> delete(@PathParam("org") String org) {
        return service.resolve(callers.get(), org, Permissions.ORG_READ)
                .chain(o -> service.delete(callers.get(), o.id).replaceWith(ConnectOrgObject.of(o)));
    }
}
