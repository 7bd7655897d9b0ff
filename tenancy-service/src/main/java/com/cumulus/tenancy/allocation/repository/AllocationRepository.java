package com.cumulus.tenancy.allocation.repository;

import com.cumulus.tenancy.allocation.domain.Allocation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AllocationRepository implements PanacheRepositoryBase<Allocation, UUID> {

    /** One page of an organization's allocations, oldest first (stable: creation time, then id). */
    public Uni<List<Allocation>> page(UUID organizationId, int pageIndex, int size) {
        return find("organizationId = ?1 order by createdAt, id", organizationId).page(Page.of(pageIndex, size)).list();
    }

    public Uni<Long> countIn(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    public Uni<List<Allocation>> ofProject(UUID projectId) {
        return list("projectId", projectId);
    }

    public Uni<Boolean> nameTaken(UUID projectId, String name, UUID except) {
        return count("projectId = ?1 and name = ?2 and id <> ?3", projectId, name,
                except == null ? new UUID(0, 0) : except).map(n -> n > 0);
    }
}
