package com.cumulus.tenancy.activity.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.activity.domain.Activity;
import com.cumulus.tenancy.activity.repository.ActivityRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Seed 004 activity log reads. */
@ApplicationScoped
public class ActivityService {

    /** At most this many activities per list (newest first). */
    public static final int MAX = 1000;

    private final ActivityRepository activities;
    private final AccessService access;

    public ActivityService(ActivityRepository activities, AccessService access) {
        this.activities = activities;
        this.access = access;
    }

    @WithSession
    public Uni<List<Activity>> list(Caller caller, UUID organizationId, OffsetDateTime from, OffsetDateTime to) {
        OffsetDateTime start = from == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : from;
        OffsetDateTime end = to == null ? OffsetDateTime.parse("9999-12-31T23:59:59Z") : to;
        if (start.isAfter(end)) {
            return Uni.createFrom().failure(ApiException.invalid("from_date", "must not be after to_date"));
        }
        return access.require(caller, organizationId, Permissions.ACTIVITIES_READ)
                .chain(a -> activities.between(organizationId.toString(), start, end, MAX));
    }

    @WithSession
    public Uni<Activity> get(Caller caller, UUID organizationId, String activityId) {
        UUID id = AccessService.tryParse(activityId);
        return access.require(caller, organizationId, Permissions.ACTIVITIES_READ)
                .chain(a -> id == null ? Uni.createFrom().nullItem() : activities.findById(id))
                .map(act -> {
                    if (act == null || !act.organizationId.equals(organizationId.toString())) {
                        throw ApiException.notFound("activity");
                    }
                    return act;
                });
    }
}
