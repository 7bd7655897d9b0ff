package com.cumulus.tenancy.project.api.identity;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos;
import com.cumulus.tenancy.project.api.identity.IdentityProjectDtos.ProjectRead;
import com.cumulus.tenancy.project.api.identity.IdentityProjectDtos.ProjectWrite;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectDraft;
import com.cumulus.tenancy.project.service.ProjectService;
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

import java.util.List;
import java.util.UUID;

/** Seed 001: {@code /api/v1/organizations/{organizationID}/projects}. Lists are paged ({@code page}, {@code limit}). */
@Path("/api/v1/organizations/{organizationID}/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdentityProjectsResource {

    /** What Quarkus REST announces for the DTOs it serializes itself (the other reads of this resource). */
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final ProjectService projects;
    private final ProjectListJson listJson;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public IdentityProjectsResource(ProjectService projects, ProjectListJson listJson, Bodies bodies,
                                    CurrentCaller callers) {
        this.projects = projects;
        this.listJson = listJson;
        this.bodies = bodies;
        this.callers = callers;
    }

    /**
     * The page's items (the JSON of {@code List<ProjectRead>}, streamed by {@link ProjectListJson});
     * {@code X-Total-Count}, {@code X-Page} and {@code X-Limit} headers describe the paging.
     */
    @GET
    public Uni<Response> list(@PathParam("organizationID") String org, @QueryParam("page") Integer page,
                              @QueryParam("limit") Integer limit) {
        return projects.list(callers.get(), AccessService.parseId(org, "organization"), page, limit)
                .map(p -> Response.ok(listJson.write(p.items()), JSON_UTF8)
                        .header("X-Total-Count", p.total()).header("X-Page", p.page()).header("X-Limit", p.limit())
                        .build());
    }

    @POST
    public Uni<Response> create(@PathParam("organizationID") String org, ProjectWrite body) {
        bodies.valid(body);
        return projects.create(callers.get(), AccessService.parseId(org, "organization"), draft(body))
                .map(p -> Response.status(202).entity(ProjectRead.of(p)).build());
    }

    @GET
    @Path("/{projectID}")
    public Uni<ProjectRead> get(@PathParam("organizationID") String org, @PathParam("projectID") String id) {
        UUID orgId = AccessService.parseId(org, "organization");
        return projects.get(callers.get(), AccessService.parseId(id, "project")).map(p -> ProjectRead.of(inOrg(p, orgId)));
    }

    @PUT
    @Path("/{projectID}")
    public Uni<ProjectRead> update(@PathParam("organizationID") String org, @PathParam("projectID") String id,
                                   ProjectWrite body) {
        bodies.valid(body);
        UUID orgId = AccessService.parseId(org, "organization");
        return projects.update(callers.get(), AccessService.parseId(id, "project"), draft(body), p -> inOrg(p, orgId))
                .map(ProjectRead::of);
    }

    @DELETE
    @Path("/{projectID}")
    public Uni<Response> delete(@PathParam("organizationID") String org, @PathParam("projectID") String id) {
        UUID orgId = AccessService.parseId(org, "organization");
        return projects.get(callers.get(), AccessService.parseId(id, "project"))
                .invoke(p -> inOrg(p, orgId))
                .chain(p -> projects.delete(callers.get(), p.id))
                .map(v -> Response.status(202).build());
    }

    private static Project inOrg(Project p, UUID orgId) {
        if (!p.organizationId.equals(orgId)) {
            throw com.cumulus.common.errors.ApiException.notFound("project");
        }
        return p;
    }

    private static ProjectDraft draft(ProjectWrite b) {
        return new ProjectDraft(b.metadata().name(), b.metadata().description(), null, null, null, null, null,
                b.spec() == null ? null : b.spec().groupIDs() == null ? List.of() : b.spec().groupIDs(),
                IdentityDtos.tagsJson(b.metadata().tags()));
    }
}
