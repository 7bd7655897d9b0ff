package com.cumulus.tenancy.project.service;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.tenancy.project.domain.AttachedService;
import com.cumulus.tenancy.project.domain.Project;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 003 read-only project fields: {@code services} (service-catalog codes attached to the project, projected from
 * catalog's events) and {@code userUsed} (distinct users who joined the project through a project invitation; the
 * project's {@code userLimit} caps them). Two queries for any number of projects. Runs inside a session.
 */
@ApplicationScoped
public class ProjectUsage {

    public static final String SERVICE_ATTACHED = "com.cumulus.catalog.project-service.attached.v1";
    public static final String SERVICE_DETACHED = "com.cumulus.catalog.project-service.detached.v1";
    private static final Logger LOG = Logger.getLogger(ProjectUsage.class);

    /** What a project shows beyond its row. */
    public record Usage(int userUsed, List<String> services) {
        static final Usage NONE = new Usage(0, List.of());
    }

    public Uni<Map<UUID, Usage>> of(Collection<UUID> projectIds) {
        if (projectIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = List.copyOf(projectIds);
        return users(ids).chain(users -> AttachedService.<AttachedService>find(
                        "projectId in ?1 order by projectId, serviceCatalogCode", ids).list()
                .map(services -> {
                    Map<UUID, List<String>> codes = new HashMap<>();
                    services.forEach(s -> codes.computeIfAbsent(s.projectId, k -> new ArrayList<>()).add(s.serviceCatalogCode));
                    Map<UUID, Usage> out = new HashMap<>();
                    for (UUID id : ids) {
                        out.put(id, new Usage(users.getOrDefault(id, 0), codes.getOrDefault(id, List.of())));
                    }
                    return out;
                }));
    }

    public Uni<Usage> of(UUID projectId) {
        return of(List.of(projectId)).map(m -> m.getOrDefault(projectId, Usage.NONE));
    }

    /** Distinct users who accepted an invitation to each project. */
    public Uni<Map<UUID, Integer>> users(List<UUID> ids) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select i.projectId, count(distinct i.acceptedBy) from Invitation i"
                                + " where i.projectId in ?1 and i.acceptedAt is not null group by i.projectId",
                        Object[].class)
                .setParameter(1, ids).getResultList())
                .map(rows -> {
                    Map<UUID, Integer> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.put((UUID) r[0], ((Number) r[1]).intValue());
                    }
                    return out;
                });
    }

    /**
     * Admits a user to a project through an invitation: 409 when the project already has {@code userLimit} other
     * users. Locks the project row so concurrent acceptances cannot overshoot. In the caller's transaction.
     */
    public Uni<Void> admit(UUID projectId, String userId) {
        return Panache.getSession().chain(s -> s.find(Project.class, projectId, org.hibernate.LockMode.PESSIMISTIC_WRITE))
                .chain(p -> p == null || p.userLimit == null ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(s -> s.createSelectionQuery(
                                        "select count(distinct i.acceptedBy) from Invitation i where i.projectId = ?1"
                                                + " and i.acceptedAt is not null and i.acceptedBy <> ?2", Long.class)
                                .setParameter(1, projectId).setParameter(2, userId).getSingleResult())
                        .invoke(n -> {
                            if (n >= p.userLimit) {
                                throw com.cumulus.common.errors.ApiException.conflict(
                                        "the project's user limit (" + p.userLimit + ") is reached");
                            }
                        }).replaceWithVoid());
    }

    /** 409 unless the project's users plus its pending invitations plus {@code more} stay within its userLimit. */
    public Uni<Void> canInvite(Project p, int more) {
        if (p.userLimit == null) {
            return Uni.createFrom().voidItem();
        }
        return users(List.of(p.id)).chain(users -> Panache.getSession().chain(s -> s.createSelectionQuery(
                                "select count(i) from Invitation i where i.projectId = ?1 and i.acceptedAt is null"
                                        + " and i.expiresAt > ?2", Long.class)
                        .setParameter(1, p.id).setParameter(2, OffsetDateTime.now()).getSingleResult())
                .invoke(pending -> {
                    if (users.getOrDefault(p.id, 0) + pending + more > p.userLimit) {
                        throw com.cumulus.common.errors.ApiException.conflict("the project's user limit ("
                                + p.userLimit + ") would be exceeded by these invitations");
                    }
                })).replaceWithVoid();
    }

    /**
     * catalog.events {@code project-service.attached.v1} / {@code .detached.v1} {projectId, organizationId,
     * serviceCatalogCode, name, itemLimit}; an unknown project or one of another organization is ignored. Runs in
     * the consumer's (Inbox) transaction; replays change nothing.
     */
    public Uni<Void> apply(CloudEvent event) {
        if (!SERVICE_ATTACHED.equals(event.type()) && !SERVICE_DETACHED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode d = event.data();
        UUID projectId = parse(d == null ? null : d.path("projectId").asText(null));
        String code = d == null ? null : d.path("serviceCatalogCode").asText(null);
        if (projectId == null || code == null || code.isBlank()) {
            LOG.warnf("ignoring %s %s without projectId/serviceCatalogCode", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return Project.<Project>findById(projectId).chain(p -> {
            if (p == null || !p.organizationId.toString().equals(d.path("organizationId").asText(null))) {
                return Uni.createFrom().voidItem();
            }
            return AttachedService.<AttachedService>findById(new AttachedService.Key(projectId, code)).chain(existing -> {
                if (SERVICE_DETACHED.equals(event.type())) {
                    return existing == null ? Uni.createFrom().voidItem() : existing.delete();
                }
                AttachedService s = existing != null ? existing : new AttachedService();
                s.projectId = projectId;
                s.serviceCatalogCode = code;
                s.name = d.path("name").asText(code);
                s.itemLimit = d.hasNonNull("itemLimit") ? d.get("itemLimit").asInt() : null;
                if (existing != null) {
                    return Uni.createFrom().voidItem();
                }
                s.attachedAt = OffsetDateTime.now();
                return s.persist().replaceWithVoid();
            });
        });
    }

    private static UUID parse(String raw) {
        try {
            return raw == null ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
