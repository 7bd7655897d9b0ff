package com.cumulus.tenancy.organization.repository;

import com.cumulus.tenancy.organization.domain.Organization;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** Organizations the user holds an active membership of, oldest first. */
    public Uni<List<Organization>> ofMember(String userId) {
        return find("select o from Organization o, Membership m where m.organizationId = o.id and m.userId = ?1"
                + " and m.state = 'active' order by m.joinedAt, o.id", userId).list();
    }

    public Uni<List<Organization>> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("id in ?1 order by createdAt, id", ids).list();
    }

    public Uni<List<Organization>> byName(String name) {
        return find("name = ?1 order by createdAt, id", name).list();
    }

    public Uni<List<Organization>> all() {
        return find("order by createdAt, id").list();
    }
}
