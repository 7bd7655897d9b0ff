package com.cumulus.tenancy.notification.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.notification.domain.Notification;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Seed 000 project notifications: one current message per (topic, topicId). */
@ApplicationScoped
public class NotificationService {

    public static final Set<String> TOPICS = Set.of("deployment", "service", "billing", "security", "system");
    public static final Set<String> LEVELS = Set.of("info", "warning", "error", "success");
    public static final Set<String> STATUSES = Set.of("active", "resolved", "dismissed");

    private final ProjectService projects;

    public NotificationService(ProjectService projects) {
        this.projects = projects;
    }

    @WithSession
    public Uni<List<Notification>> list(Caller caller, UUID projectId) {
        return projects.withAccess(caller, projectId, Permissions.PROJECTS_READ)
                .chain(pa -> Notification.<Notification>find("projectId = ?1 and (status is null or status = 'active')"
                        + " order by createdAt desc, id", projectId).list());
    }

    @WithTransaction
    public Uni<Notification> post(Caller caller, UUID projectId, Notification message) {
        if (!TOPICS.contains(message.topic)) {
            return Uni.createFrom().failure(ApiException.invalid("topic", "must be one of " + TOPICS));
        }
        return projects.withAccess(caller, projectId, Permissions.NOTIFICATIONS_WRITE)
                .chain(pa -> upsert(pa.project(), message));
    }

    /** Replaces the (topic, topicId) message of the project. In the caller's transaction. */
    public Uni<Notification> upsert(Project project, Notification message) {
        message.projectId = project.id;
        if (message.createdAt == null) {
            message.createdAt = OffsetDateTime.now();
        }
        if (message.status == null) {
            message.status = "active";
        }
        return Notification.delete("projectId = ?1 and topic = ?2 and topicId = ?3", project.id, message.topic,
                        message.topicId)
                .chain(() -> Panache.getSession()).chain(s -> s.flush())
                .chain(() -> {
                    message.id = UUID.randomUUID();
                    return message.<Notification>persist();
                });
    }
}
