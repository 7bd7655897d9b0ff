package com.cumulus.tenancy.notification.service;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.tenancy.activity.service.ActivityRecorder;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.notification.domain.Notification;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.quota.service.QuotaEventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * provisioning.events: every event becomes an activity; a service that became {@code running} in a project posts the
 * project notification (topic {@code service}, topicId = serviceId); {@code service.quota-requested},
 * {@code service.created} and {@code service.deleted} reserve, confirm and release quota ({@link QuotaEventHandler}).
 * All in the inbox transaction.
 */
@ApplicationScoped
public class ProvisioningEventsConsumer {

    private final Inbox inbox;
    private final ActivityRecorder activities;
    private final NotificationService notifications;
    private final QuotaEventHandler quotas;

    public ProvisioningEventsConsumer(Inbox inbox, ActivityRecorder activities, NotificationService notifications,
                                      QuotaEventHandler quotas) {
        this.inbox = inbox;
        this.activities = activities;
        this.notifications = notifications;
        this.quotas = quotas;
    }

    @Incoming("provisioning-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce("tenancy-provisioning", json, e -> activities.record(e).chain(() -> quotas.on(e))
                        .chain(() -> notify(e)))
                .replaceWithVoid();
    }

    Uni<Void> notify(CloudEvent e) {
        JsonNode d = e.data();
        if (!EventTypes.SERVICE_STATE_CHANGED.equals(e.type()) || d == null
                || !"running".equals(text(d, "state")) || text(d, "projectId") == null) {
            return Uni.createFrom().voidItem();
        }
        UUID projectId;
        try {
            projectId = UUID.fromString(text(d, "projectId"));
        } catch (IllegalArgumentException ex) {
            return Uni.createFrom().voidItem();
        }
        return Project.<Project>findById(projectId).chain(p -> {
            if (p == null) {
                return Uni.createFrom().voidItem();
            }
            Notification n = new Notification();
            n.topic = "service";
            n.topicId = text(d, "serviceId");
            n.title = "Service " + (text(d, "name") == null ? n.topicId : text(d, "name")) + " is running";
            n.description = text(d, "reason");
            n.source = "provisioning";
            n.level = "success";
            n.createdAt = e.time();
            return notifications.upsert(p, n).replaceWithVoid();
        });
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }
}
