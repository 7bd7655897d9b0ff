package com.cumulus.tenancy.project.repository;

import com.cumulus.tenancy.project.domain.Project;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    public Uni<Boolean> nameTaken(UUID organizationId, String name, UUID except) {
        return count("organizationId = ?1 and name = ?2 and id <> ?3", organizationId, name,
                except == null ? new UUID(0, 0) : except).map(n -> n > 0);
    }
}
