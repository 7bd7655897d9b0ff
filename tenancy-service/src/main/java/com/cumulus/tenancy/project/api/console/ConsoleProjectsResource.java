package com.cumulus.tenancy.project.api.console;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.service.MembershipService;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.project.api.console.ConsoleProjectDtos.ConsoleProfile;
import com.cumulus.tenancy.project.api.console.ConsoleProjectDtos.ConsoleProfileWrite;
import com.cumulus.tenancy.project.api.console.ConsoleProjectDtos.ConsoleProject;
import com.cumulus.tenancy.project.api.console.ConsoleProjectDtos.ConsoleProjectUser;
import com.cumulus.tenancy.project.api.console.ConsoleProjectDtos.ConsoleProjectWrite;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** Seed 000: {@code /console/projects}. */
@Path("/console/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsoleProjectsResource {

    private final ProjectService projects;
    private final OrganizationService organizations;
    private final MembershipService members;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConsoleProjectsResource(ProjectService projects, OrganizationService organizations,
                                   MembershipService members, Bodies bodies, CurrentCaller callers) {
        this.projects = projects;
        this.organizations = organizations;
        this.members = members;
        this.bodies = bodies;
        this.callers = callers;
    }

    /** Needs projects.create in the target organization ({@code org_id}, default: the caller's first). */
    @POST
    public Uni<ConsoleProject> create(ConsoleProjectWrite body) {
        bodies.valid(body);
        if (body.name() == null) {
            throw ApiException.invalid("name", "is required");
        }
        Uni<UUID> org = body.orgId() != null ? Uni.createFrom().item(AccessService.parseId(body.orgId(), "organization"))
                : organizations.account(callers.get()).map(o -> o.id);
        return org.chain(orgId -> projects.create(callers.get(), orgId, draft(body))).map(ConsoleProject::of);
    }

    @GET
    @Path("/{projectId}")
    public Uni<ConsoleProject> get(@PathParam("projectId") String id) {
        return projects.get(callers.get(), AccessService.parseId(id, "project")).map(ConsoleProject::of);
    }

    @PUT
    @Path("/{projectId}")
    public Uni<ConsoleProject> update(@PathParam("projectId") String id, ConsoleProjectWrite body) {
        bodies.valid(body);
        return projects.update(callers.get(), AccessService.parseId(id, "project"), draft(body)).map(ConsoleProject::of);
    }

    /** Needs projects.delete. */
    @DELETE
    @Path("/{projectId}")
    public Uni<Response> delete(@PathParam("projectId") String id) {
        return projects.delete(callers.get(), AccessService.parseId(id, "project")).map(v -> Response.ok().build());
    }

    @GET
    @Path("/{projectId}/profile")
    public Uni<ConsoleProfile> profile(@PathParam("projectId") String id) {
        return projects.get(callers.get(), AccessService.parseId(id, "project")).map(ConsoleProfile::of);
    }

    @PUT
    @Path("/{projectId}/profile")
    public Uni<ConsoleProfile> updateProfile(@PathParam("projectId") String id, ConsoleProfileWrite body) {
        bodies.valid(body);
        return projects.update(callers.get(), AccessService.parseId(id, "project"), ProjectDraft.named(body.name(), null))
                .map(ConsoleProfile::of);
    }

    /** The project's users: the members of its organization, with their roles. */
    @GET
    @Path("/{projectId}/users")
    public Uni<List<ConsoleProjectUser>> users(@PathParam("projectId") String id) {
        return projects.get(callers.get(), AccessService.parseId(id, "project"))
                .chain(p -> members.list(callers.get(), p.organizationId))
                .map(list -> list.stream().map(m -> new ConsoleProjectUser(m.membership().userId, m.email(),
                        m.displayName(), m.membership().roleSet(), m.membership().state)).toList());
    }

    private static ProjectDraft draft(ConsoleProjectWrite b) {
        return new ProjectDraft(b.name(), b.description(), b.customerId(), b.status(), b.plan(), b.templateId(),
                null, null, null);
    }
}
