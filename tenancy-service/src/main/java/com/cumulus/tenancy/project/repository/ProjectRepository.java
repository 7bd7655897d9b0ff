package com.cumulus.tenancy.project.repository;

import com.cumulus.tenancy.project.domain.Project;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** One page of an organization's projects, in a stable order (name, then id). */
    public Uni<List<Project>> page(UUID organizationId, int pageIndex, int size) {
        return find("organizationId = ?1 order by name, id", organizationId).page(Page.of(pageIndex, size)).list();
    }

    public Uni<Long> countIn(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    public Uni<Boolean> nameTaken(UUID organizationId, String name, UUID except) {
        return count("organizationId = ?1 and name = ?2 and id <> ?3", organizationId, name,
                except == null ? new UUID(0, 0) : except).map(n -> n > 0);
    }
}
