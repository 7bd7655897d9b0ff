package com.cumulus.tenancy.allocation.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.allocation.api.AllocationDtos.AllocationRead;
import com.cumulus.tenancy.allocation.api.AllocationDtos.AllocationWrite;
import com.cumulus.tenancy.allocation.api.AllocationDtos.ResourceAllocation;
import com.cumulus.tenancy.allocation.domain.Allocation;
import com.cumulus.tenancy.allocation.service.AllocationDraft;
import com.cumulus.tenancy.allocation.service.AllocationService;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos;
import com.cumulus.tenancy.web.Bodies;
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

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 001: {@code GET /api/v1/organizations/{organizationID}/allocations} and
 * {@code /api/v1/organizations/{organizationID}/projects/{projectID}/allocations[/{allocationID}]}.
 */
@Path("/api/v1/organizations/{organizationID}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AllocationsResource {

    private final AllocationService allocations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public AllocationsResource(AllocationService allocations, Bodies bodies, CurrentCaller callers) {
        this.allocations = allocations;
        this.bodies = bodies;
        this.callers = callers;
    }

    /** The organization's allocations, oldest first; paged like projects ({@code X-Total-Count} etc.). */
    @GET
    @Path("/allocations")
    public Uni<Response> list(@PathParam("organizationID") String org, @QueryParam("page") Integer page,
                              @QueryParam("limit") Integer limit) {
        return allocations.list(callers.get(), AccessService.parseId(org, "organization"), page, limit)
                .map(p -> Response.ok(p.items().stream().map(AllocationRead::of).toList())
                        .header("X-Total-Count", p.total()).header("X-Page", p.page()).header("X-Limit", p.limit())
                        .build());
    }

    @POST
    @Path("/projects/{projectID}/allocations")
    public Uni<Response> create(@PathParam("organizationID") String org, @PathParam("projectID") String project,
                                AllocationWrite body) {
        AllocationDraft draft = draft(body);
        return allocations.create(callers.get(), AccessService.parseId(org, "organization"),
                        AccessService.parseId(project, "project"), draft)
                .map(a -> Response.status(201).entity(AllocationRead.of(a)).build());
    }

    @GET
    @Path("/projects/{projectID}/allocations/{allocationID}")
    public Uni<AllocationRead> get(@PathParam("organizationID") String org, @PathParam("projectID") String project,
                                   @PathParam("allocationID") String id) {
        return allocations.get(callers.get(), AccessService.parseId(org, "organization"),
                AccessService.parseId(project, "project"), AccessService.parseId(id, "allocation"))
                .map(AllocationRead::of);
    }

    @PUT
    @Path("/projects/{projectID}/allocations/{allocationID}")
    public Uni<AllocationRead> update(@PathParam("organizationID") String org, @PathParam("projectID") String project,
                                      @PathParam("allocationID") String id, AllocationWrite body) {
        AllocationDraft draft = draft(body);
        return allocations.update(callers.get(), AccessService.parseId(org, "organization"),
                AccessService.parseId(project, "project"), AccessService.parseId(id, "allocation"), draft)
                .map(AllocationRead::of);
    }

    @DELETE
    @Path("/projects/{projectID}/allocations/{allocationID}")
    public Uni<Response> delete(@PathParam("organizationID") String org, @PathParam("projectID") String project,
                                @PathParam("allocationID") String id) {
        return allocations.delete(callers.get(), AccessService.parseId(org, "organization"),
                AccessService.parseId(project, "project"), AccessService.parseId(id, "allocation"))
                .map(v -> Response.status(202).build());
    }

    private AllocationDraft draft(AllocationWrite body) {
        bodies.valid(body);
        List<ResourceAllocation> items = body.spec().allocations();
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!kinds.add(items.get(i).kind())) {
                throw ApiException.invalid("spec.allocations[" + i + "].kind", "each kind may appear once");
            }
        }
        return new AllocationDraft(body.metadata().name(), body.metadata().description(),
                IdentityDtos.tagsJson(body.metadata().tags()), body.spec().kind(), body.spec().id(),
                items.stream().map(i -> new Allocation.Item(i.kind(), i.committed(), i.reserved())).toList());
    }
}
