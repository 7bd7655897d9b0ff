package com.cumulus.tenancy.activity.repository;

import com.cumulus.tenancy.activity.domain.Activity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {

    public Uni<List<Activity>> between(String organizationId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return find("organizationId = ?1 and createdAt >= ?2 and createdAt <= ?3 order by createdAt desc, id",
                organizationId, from, to).range(0, limit - 1).list();
    }
}
