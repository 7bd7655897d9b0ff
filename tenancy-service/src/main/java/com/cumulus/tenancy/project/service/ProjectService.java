package com.cumulus.tenancy.project.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.Access;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.repository.ProjectPageQuery;
import com.cumulus.tenancy.project.repository.ProjectRepository;
import com.cumulus.tenancy.quota.service.QuotaService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Project use cases shared by seeds 000, 001 and 003. */
@ApplicationScoped
public class ProjectService {

    public static final Set<String> STATUSES = Set.of("active", "inactive", "suspended", "archived");

    /** A page of projects and the total. */
    public record ProjectPage(List<Project> items, long total, int page, int limit) {
    }

    private final ProjectRepository projects;
    private final ProjectPageQuery pages;
    private final AccessService access;
    private final QuotaService quotas;
    private final TenancyEvents events;
    private final TenancyConfig config;
    private final jakarta.enterprise.inject.Instance<com.cumulus.tenancy.allocation.service.AllocationService> allocations;

    public ProjectService(ProjectRepository projects, ProjectPageQuery pages, AccessService access, QuotaService quotas, TenancyEvents events,
                          TenancyConfig config,
                          jakarta.enterprise.inject.Instance<com.cumulus.tenancy.allocation.service.AllocationService> allocations) {
        this.allocations = allocations;
        this.projects = projects;
        this.pages = pages;
        this.access = access;
        this.quotas = quotas;
        this.events = events;
        this.config = config;
    }

    /** Creates a project (permission projects.create); counts against the organization's projects quota. */
    @WithTransaction
    public Uni<Project> create(Caller caller, UUID organizationId, ProjectDraft d) {
        return access.require(caller, organizationId, Permissions.PROJECTS_CREATE).chain(a -> {
            if (d.status() != null && !STATUSES.contains(d.status())) {
                return Uni.createFrom().failure(ApiException.invalid("status", "must be one of " + STATUSES));
            }
            Project p = new Project();
            p.id = UUID.randomUUID();
            p.organizationId = organizationId;
            p.name = d.name();
            p.description = d.description();
            p.customerId = d.customerId();
            p.status = d.status() == null ? Project.ACTIVE : d.status();
            p.plan = d.plan();
            p.templateId = d.templateId();
            p.userLimit = d.userLimit() == null ? config.projects().defaultUserLimit() : d.userLimit();
            p.groupIds = d.groupIds() == null ? "" : String.join(",", d.groupIds());
            p.tags = d.tags();
            p.createdAt = OffsetDateTime.now();
            p.createdBy = caller.subject();
            return unique(organizationId, p.name, null)
                    .chain(() -> quotas.consume(organizationId, QuotaService.PROJECTS, 1))
                    .chain(() -> projects.persist(p))
                    .chain(() -> events.project(EventTypes.PROJECT_CREATED, p, caller.subject()))
                    .replaceWith(p);
        });
    }

    private Uni<Void> unique(UUID organizationId, String name, UUID except) {
        return projects.nameTaken(organizationId, name, except).invoke(taken -> {
            if (taken) {
                throw ApiException.conflict("a project named " + name + " already exists");
            }
        }).replaceWithVoid();
    }

    /** The project, when the caller may read it; 404 for unknown ids and other tenants' projects. */
    @WithSession
    public Uni<Project> get(Caller caller, UUID projectId) {
        return withAccess(caller, projectId, Permissions.PROJECTS_READ).map(pa -> pa.project());
    }

    public record ProjectAccess(Project project, Access access) {
    }

    public Uni<ProjectAccess> withAccess(Caller caller, UUID projectId, String permission) {
        AccessService.requireAuthenticated(caller);
        return projects.findById(projectId).chain(p -> {
            if (p == null) {
                return Uni.createFrom().failure(ApiException.notFound("project"));
            }
            return access.access(caller, p.organizationId)
                    .onFailure(ApiException.class).transform(e -> ApiException.notFound("project"))
                    .map(a -> {
                        if (!a.can(permission)) {
                            throw ApiException.forbidden("permission " + permission + " is required");
                        }
                        return new ProjectAccess(p, a);
                    });
        });
    }

    /**
     * Pages are 1-based; the limit is clamped to 1..max; the order (name, id) is stable. One statement on the pool
     * (access check, page and total together), no Hibernate session: see {@link ProjectPageQuery}.
     */
    public Uni<ProjectPage> list(Caller caller, UUID organizationId, Integer page, Integer limit) {
        int size = limit == null ? config.paging().defaultLimit()
                : Math.max(1, Math.min(config.paging().maxLimit(), limit));
        int index = page == null ? 1 : Math.max(1, page);
        return pages.page(caller, organizationId, index, size);
    }

    @WithTransaction
    public Uni<Project> update(Caller caller, UUID projectId, ProjectDraft d) {
        return update(caller, projectId, d, p -> { });
    }

    @WithTransaction
    public Uni<Project> update(Caller caller, UUID projectId, ProjectDraft d, Consumer<Project> edit) {
        return withAccess(caller, projectId, Permissions.PROJECTS_UPDATE).chain(pa -> {
            Project p = pa.project();
            if (d.status() != null && !STATUSES.contains(d.status())) {
                return Uni.createFrom().failure(ApiException.invalid("status", "must be one of " + STATUSES));
            }
            Uni<Void> nameCheck = d.name() != null && !d.name().equals(p.name)
                    ? unique(p.organizationId, d.name(), p.id) : Uni.createFrom().voidItem();
            return nameCheck.chain(() -> {
                if (d.name() != null) {
                    p.name = d.name();
                }
                if (d.description() != null) {
                    p.description = d.description();
                }
                if (d.customerId() != null) {
                    p.customerId = d.customerId();
                }
                if (d.status() != null) {
                    p.status = d.status();
                }
                if (d.plan() != null) {
                    p.plan = d.plan();
                }
                if (d.templateId() != null) {
                    p.templateId = d.templateId();
                }
                if (d.groupIds() != null) {
                    p.groupIds = String.join(",", d.groupIds());
                }
                if (d.tags() != null) {
                    p.tags = d.tags();
                }
                edit.accept(p);
                p.modifiedAt = OffsetDateTime.now();
                p.modifiedBy = caller.subject();
                return events.project(EventTypes.PROJECT_UPDATED, p, caller.subject());
            }).replaceWith(p);
        });
    }

    /**
     * Deletes a project (permission projects.delete) and gives its unit of the projects quota back, with what its
     * allocations held.
     */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID projectId) {
        return withAccess(caller, projectId, Permissions.PROJECTS_DELETE).chain(pa -> {
            Project p = pa.project();
            return allocations.get().releaseProject(p.organizationId, p.id, caller.subject())
                    .chain(() -> projects.delete(p))
                    .chain(() -> quotas.release(p.organizationId, QuotaService.PROJECTS, 1))
                    .chain(() -> events.project(EventTypes.PROJECT_DELETED, p, caller.subject()));
        });
    }
}
