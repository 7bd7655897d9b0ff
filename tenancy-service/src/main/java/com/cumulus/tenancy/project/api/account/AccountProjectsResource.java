package com.cumulus.tenancy.project.api.account;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.project.service.ProjectUsage;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.project.api.account.AccountProjectDtos.AccountProject;
import com.cumulus.tenancy.project.api.account.AccountProjectDtos.AccountProjectWrite;
import com.cumulus.tenancy.project.api.account.AccountProjectDtos.PushSettings;
import com.cumulus.tenancy.project.api.account.AccountProjectDtos.PushSettingsWrite;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectDraft;
import com.cumulus.tenancy.project.service.ProjectService;
import com.cumulus.tenancy.web.AccountResponses;
import com.cumulus.tenancy.web.Bodies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


/** Seed 003: {@code /api/v1/projects} of the caller's account. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountProjectsResource {

    private final ProjectService projects;
    private final OrganizationService organizations;
    private final ProjectUsage usage;
    private final AccountResponses responses;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public AccountProjectsResource(ProjectService projects, OrganizationService organizations,
                                   ProjectUsage usage, AccountResponses responses, Bodies bodies,
                                   CurrentCaller callers) {
        this.projects = projects;
        this.organizations = organizations;
        this.usage = usage;
        this.responses = responses;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    @Authenticated
    public Uni<Response> list(@QueryParam("indent") Integer indent, @QueryParam("page") Integer page,
                              @QueryParam("limit") Integer limit) {
        return organizations.account(callers.get())
                .chain(org -> projects.list(callers.get(), org.id, page, limit)
                        .chain(p -> Panache.withSession(() -> usage.of(p.items().stream().map(x -> x.id).toList()))
                                .map(u -> p.items().stream().map(x -> AccountProject.of(x, u.get(x.id))).toList())))
                .map(list -> responses.of(200, list, indent));
    }

    @POST
    @Authenticated
    public Uni<Response> create(@QueryParam("indent") Integer indent, AccountProjectWrite body) {
        bodies.valid(body);
        if (body.name() == null) {
            throw ApiException.invalid("name", "is required");
        }
        return organizations.account(callers.get())
                .chain(org -> projects.create(callers.get(), org.id, ProjectDraft.named(body.name(), body.description())))
                .chain(this::view)
                .map(p -> responses.of(201, p, indent));
    }

    @GET
    @Path("/{projectId}")
    @Authenticated
    public Uni<Response> get(@PathParam("projectId") String id, @QueryParam("indent") Integer indent) {
        return projects.get(callers.get(), AccessService.parseId(id, "project")).chain(this::view)
                .map(p -> responses.of(200, p, indent));
    }

    @PUT
    @Path("/{projectId}")
    @Authenticated
    public Uni<Response> update(@PathParam("projectId") String id, @QueryParam("indent") Integer indent,
                                AccountProjectWrite body) {
        bodies.valid(body);
        return projects.update(callers.get(), AccessService.parseId(id, "project"),
                        ProjectDraft.named(body.name(), body.description()))
                .chain(this::view).map(p -> responses.of(202, p, indent));
    }

    @GET
    @Path("/{projectId}/api")
    @Authenticated
    public Uni<Response> pushSettings(@PathParam("projectId") String id, @QueryParam("indent") Integer indent) {
        return projects.get(callers.get(), AccessService.parseId(id, "project"))
                .map(p -> responses.of(200, PushSettings.of(p), indent));
    }

    @PUT
    @Path("/{projectId}/api")
    @Authenticated
    public Uni<Response> updatePushSettings(@PathParam("projectId") String id, @QueryParam("indent") Integer indent,
                                            PushSettingsWrite body) {
        bodies.valid(body);
        return projects.update(callers.get(), AccessService.parseId(id, "project"),
                        ProjectDraft.named(null, null), p -> {
                            if (body.fcmApiKeys() != null) {
                                p.pushFcmApiKey = body.fcmApiKeys();
                            }
                            if (body.fcmProjectNumber() != null) {
                                p.pushFcmProjectNumber = body.fcmProjectNumber();
                            }
                            if (body.apnsCert() != null) {
                                p.pushApnsCert = body.apnsCert();
                            }
                        })
                .map(p -> responses.of(202, PushSettings.of(p), indent));
    }

    @OPTIONS
    public Response options() {
        return AccountResponses.options("GET, POST");
    }

    @OPTIONS
    @Path("/{projectId}")
    public Response optionsOne() {
        return AccountResponses.options("GET, PUT");
    }

    @OPTIONS
    @Path("/{projectId}/api")
    public Response optionsApi() {
        return AccountResponses.options("GET, PUT");
    }

    private Uni<AccountProject> view(Project p) {
        return Panache.withSession(() -> usage.of(p.id)).map(u -> AccountProject.of(p, u));
    }
}
