package com.cumulus.tenancy.activity.service;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.tenancy.activity.domain.Activity;
import com.cumulus.tenancy.activity.repository.ActivityRepository;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Turns any suite event into an activity of the organization it concerns ({@code data.organizationId}, or the
 * subject of tenancy's organization events). Events about no organization leave no activity. Runs in the
 * consumer's transaction.
 */
@ApplicationScoped
public class ActivityRecorder {

    private final ActivityRepository activities;

    public ActivityRecorder(ActivityRepository activities) {
        this.activities = activities;
    }

    public Uni<Void> record(CloudEvent event) {
        String organizationId = organizationOf(event);
        UUID eventId;
        try {
            eventId = UUID.fromString(event.id());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().voidItem();
        }
        if (organizationId == null) {
            return Uni.createFrom().voidItem();
        }
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        a.eventId = eventId;
        a.organizationId = organizationId;
        a.type = typeOf(event.type());
        a.actorId = event.actorid();
        a.actorType = event.actortype() != null ? event.actortype() : (event.actorid() == null ? "system" : "user");
        a.actorIp = event.sourceip();
        a.actorDetails = event.source();
        a.serviceId = text(event.data(), "serviceId");
        a.createdAt = event.time() != null ? event.time() : OffsetDateTime.now();
        return activities.persist(a).replaceWithVoid();
    }

    static String organizationOf(CloudEvent event) {
        String fromData = text(event.data(), "organizationId");
        if (fromData != null) {
            return fromData;
        }
        if (event.type() != null && event.type().startsWith("com.cumulus.tenancy.organization.")) {
            return event.subject();
        }
        return null;
    }

    /** {@code com.cumulus.tenancy.organization.created.v1} -> {@code organization_created}. */
    static String typeOf(String type) {
        if (type == null) {
            return "unknown";
        }
        String[] parts = type.split("\\.");
        if (parts.length >= 6) {
            return (parts[3] + "_" + parts[4]).replace('-', '_');
        }
        return type;
    }

    private static String text(JsonNode data, String field) {
        if (data == null || !data.hasNonNull(field)) {
            return null;
        }
        String v = data.get(field).asText();
        return v.isBlank() ? null : v;
    }
}
