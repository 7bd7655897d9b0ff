package com.cumulus.tenancy.organization.api.identity;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos.OrganizationRead;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos.OrganizationWrite;
import com.cumulus.tenancy.organization.service.OrganizationChange;
import com.cumulus.tenancy.organization.service.OrganizationDraft;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.access.AccessService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Seed 001: {@code /api/v1/organizations}. */
@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final OrganizationService service;
    private final CurrentCaller callers;

    public OrganizationsResource(OrganizationService service, CurrentCaller callers) {
        this.service = service;
        this.callers = callers;
    }

    @GET
    public Uni<List<OrganizationRead>> list(@QueryParam("email") String email) {
        if (email != null && !callers.get().isPlatformAdmin() && !email.equalsIgnoreCase(callers.get().email())) {
            return Uni.createFrom().failure(ApiException.forbidden("looking up another user's organizations"));
        }
        return service.mine(callers.get()).map(l -> l.stream().map(OrganizationRead::of).toList());
    }

    @POST
    public Uni<Response> create(OrganizationWrite body) {
        bodies.valid(body);
        IdentityDtos.OrganizationSpec spec = body.spec();
        OrganizationDraft draft = new OrganizationDraft(body.metadata().name(), null, body.metadata().description(),
                spec == null ? null : spec.organizationType(), spec == null ? null : spec.domain(),
                IdentityDtos.tagsJson(body.metadata().tags()));
        return service.create(callers.get(), draft)
                .map(o -> Response.status(202).entity(OrganizationRead.of(o)).build());
    }

    @GET
    @Path("/{organizationID}")
    public Uni<OrganizationRead> get(@PathParam("organizationID") String id) {
        return service.get(callers.get(), AccessService.parseId(id, "organization")).map(OrganizationRead::of);
    }

    @PUT
    @Path("/{organizationID}")
    public Uni<OrganizationRead> update(@PathParam("organizationID") String id, OrganizationWrite body) {
        bodies.valid(body);
        IdentityDtos.OrganizationSpec spec = body.spec();
        OrganizationChange change = new OrganizationChange(body.metadata().name(), null,
                body.metadata().description() == null ? "" : body.metadata().description(),
                spec == null ? null : spec.organizationType(), spec == null ? null : spec.domain(), null,
                IdentityDtos.tagsJson(body.metadata().tags() == null ? List.of() : body.metadata().tags()),
                null, null, null);
        return service.update(callers.get(), AccessService.parseId(id, "organization"), change).map(OrganizationRead::of);
    }

    @DELETE
    @Path("/{organizationID}")
    public Uni<Response> delete(@PathParam("organizationID") String id) {
        return service.delete(callers.get(), AccessService.parseId(id, "organization"))
                .map(v -> Response.status(202).build());
    }
}
