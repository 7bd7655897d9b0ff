package com.cumulus.tenancy.organization.repository;

import com.cumulus.tenancy.organization.domain.Membership;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, UUID> {

    public Uni<Membership> find(UUID organizationId, String userId) {
        return find("organizationId = ?1 and userId = ?2", organizationId, userId).firstResult();
    }

    public Uni<List<Membership>> ofOrganization(UUID organizationId) {
        return find("organizationId = ?1 order by joinedAt, userId", organizationId).list();
    }

    public Uni<List<Membership>> ofUser(String userId) {
        return find("userId = ?1 order by joinedAt", userId).list();
    }
}
