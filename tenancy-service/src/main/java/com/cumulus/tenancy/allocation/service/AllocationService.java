package com.cumulus.tenancy.allocation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.allocation.domain.Allocation;
import com.cumulus.tenancy.allocation.repository.AllocationRepository;
import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectService;
import com.cumulus.tenancy.quota.service.QuotaService;
import com.cumulus.tenancy.quota.service.QuotaService.Delta;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 001 allocations. An allocation's items are counted in its organization's quota rows in the same transaction
 * as the allocation row, through {@link QuotaService#adjust} (one conditional UPDATE per kind): concurrent
 * allocations never together exceed a quota, and one that would is refused with 409 without writing anything.
 * Reading needs {@code projects.read}; creating, updating and deleting need {@code projects.update}.
 */
@ApplicationScoped
public class AllocationService {

    /** A page of allocations and the total. */
    public record AllocationPage(List<Allocation> items, long total, int page, int limit) {
    }

    private final AllocationRepository allocations;
    private final ProjectService projects;
    private final AccessService access;
    private final QuotaService quotas;
    private final TenancyEvents events;
    private final TenancyConfig config;

    public AllocationService(AllocationRepository allocations, ProjectService projects, AccessService access,
                             QuotaService quotas, TenancyEvents events, TenancyConfig config) {
        this.allocations = allocations;
        this.projects = projects;
        this.access = access;
        this.quotas = quotas;
        this.events = events;
        this.config = config;
    }

    @WithSession
    public Uni<AllocationPage> list(Caller caller, UUID organizationId, Integer page, Integer limit) {
        int size = limit == null ? config.paging().defaultLimit()
                : Math.max(1, Math.min(config.paging().maxLimit(), limit));
        int index = page == null ? 1 : Math.max(1, page);
        return access.require(caller, organizationId, Permissions.PROJECTS_READ)
                .chain(a -> allocations.page(organizationId, index - 1, size))
                .chain(items -> allocations.countIn(organizationId).map(n -> new AllocationPage(items, n, index, size)));
    }

    @WithTransaction
    public Uni<Allocation> create(Caller caller, UUID organizationId, UUID projectId, AllocationDraft d) {
        return project(caller, organizationId, projectId, Permissions.PROJECTS_UPDATE).chain(p -> {
            Allocation a = new Allocation();
            a.id = UUID.randomUUID();
            a.organizationId = p.organizationId;
            a.projectId = p.id;
            a.name = d.name();
            a.description = d.description();
            a.tags = d.tags();
            a.ownerKind = d.ownerKind();
            a.ownerId = d.ownerId();
            a.itemList(d.items());
            a.createdAt = OffsetDateTime.now();
            a.createdBy = caller.subject();
            return unique(p.id, a.name, null)
                    .chain(() -> quotas.adjust(p.organizationId, deltas(List.of(), d.items())))
                    .chain(() -> allocations.persist(a))
                    .chain(() -> event(EventTypes.ALLOCATION_CREATED, a, caller.subject()))
                    .replaceWith(a);
        });
    }

    @WithSession
    public Uni<Allocation> get(Caller caller, UUID organizationId, UUID projectId, UUID allocationId) {
        return project(caller, organizationId, projectId, Permissions.PROJECTS_READ)
                .chain(p -> found(p, allocationId));
    }

    /** Replaces the allocation; only the difference to what it held is taken from (or given back to) the quotas. */
    @WithTransaction
    public Uni<Allocation> update(Caller caller, UUID organizationId, UUID projectId, UUID allocationId,
                                  AllocationDraft d) {
        return project(caller, organizationId, projectId, Permissions.PROJECTS_UPDATE)
                .chain(p -> found(p, allocationId))
                .chain(a -> {
                    Uni<Void> nameCheck = a.name.equals(d.name()) ? Uni.createFrom().voidItem()
                            : unique(a.projectId, d.name(), a.id);
                    Map<String, Delta> change = deltas(a.itemList(), d.items());
                    return nameCheck.chain(() -> quotas.adjust(a.organizationId, change)).chain(() -> {
                        a.name = d.name();
                        a.description = d.description();
                        a.tags = d.tags();
                        a.ownerKind = d.ownerKind();
                        a.ownerId = d.ownerId();
                        a.itemList(d.items());
                        a.modifiedAt = OffsetDateTime.now();
                        a.modifiedBy = caller.subject();
                        return event(EventTypes.ALLOCATION_UPDATED, a, caller.subject());
                    }).replaceWith(a);
                });
    }

    /** Deletes the allocation and gives what it held back to the quotas. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID organizationId, UUID projectId, UUID allocationId) {
        return project(caller, organizationId, projectId, Permissions.PROJECTS_UPDATE)
                .chain(p -> found(p, allocationId))
                .chain(a -> allocations.delete(a)
                        .chain(() -> quotas.adjust(a.organizationId, deltas(a.itemList(), List.of())))
                        .chain(() -> event(EventTypes.ALLOCATION_DELETED, a, caller.subject())));
    }

    /**
     * Gives back what a project's allocations hold (called when the project is deleted, in that transaction; the
     * rows themselves go with the project). Each becomes an allocation.deleted event.
     */
    public Uni<Void> releaseProject(UUID organizationId, UUID projectId, String actor) {
        return allocations.ofProject(projectId).chain(list -> {
            Map<String, Delta> total = new HashMap<>();
            list.forEach(a -> deltas(a.itemList(), List.of()).forEach((k, v) -> total.merge(k, v,
                    (x, y) -> new Delta(x.total() + y.total(), x.reserved() + y.reserved()))));
            Uni<Void> chain = quotas.adjust(organizationId, total);
            for (Allocation a : list) {
                chain = chain.chain(() -> event(EventTypes.ALLOCATION_DELETED, a, actor));
            }
            return chain;
        });
    }

    /** Per kind: what {@code after} holds minus what {@code before} held. */
    static Map<String, Delta> deltas(List<Allocation.Item> before, List<Allocation.Item> after) {
        Map<String, Delta> out = new HashMap<>();
        for (Allocation.Item i : before) {
            out.merge(i.kind(), new Delta(-i.total(), -i.reserved()),
                    (x, y) -> new Delta(x.total() + y.total(), x.reserved() + y.reserved()));
        }
        for (Allocation.Item i : after) {
            out.merge(i.kind(), new Delta(i.total(), i.reserved()),
                    (x, y) -> new Delta(x.total() + y.total(), x.reserved() + y.reserved()));
        }
        return out;
    }

    /** The project when it belongs to that organization and the caller may act on it; 404 otherwise. */
    private Uni<Project> project(Caller caller, UUID organizationId, UUID projectId, String permission) {
        return projects.withAccess(caller, projectId, permission).map(pa -> {
            if (!pa.project().organizationId.equals(organizationId)) {
                throw ApiException.notFound("project");
            }
            return pa.project();
        });
    }

    private Uni<Allocation> found(Project p, UUID allocationId) {
        return allocations.findById(allocationId).map(a -> {
            if (a == null || !a.projectId.equals(p.id)) {
                throw ApiException.notFound("allocation");
            }
            return a;
        });
    }

    private Uni<Void> unique(UUID projectId, String name, UUID except) {
        return allocations.nameTaken(projectId, name, except).invoke(taken -> {
            if (taken) {
                throw ApiException.conflict("an allocation named " + name + " already exists in the project");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> event(String type, Allocation a, String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allocationId", a.id.toString());
        data.put("organizationId", a.organizationId.toString());
        data.put("projectId", a.projectId.toString());
        data.put("name", a.name);
        data.put("ownerKind", a.ownerKind);
        data.put("ownerId", a.ownerId);
        data.put("allocations", a.itemList());
        return events.raw(type, a.id.toString(), data, actor);
    }
}
