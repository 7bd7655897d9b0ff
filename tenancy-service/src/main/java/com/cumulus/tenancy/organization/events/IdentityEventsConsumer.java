package com.cumulus.tenancy.organization.events;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.tenancy.activity.service.ActivityRecorder;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.organization.domain.Group;
import com.cumulus.tenancy.organization.repository.GroupRepository;
import com.cumulus.tenancy.organization.service.MembershipService;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * identity.events: registrations and onboarding create organizations with identity's ids; user events keep
 * memberships and the profile projection current. Every event also becomes an activity. Idempotent by event id.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    private final Inbox inbox;
    private final OrganizationService organizations;
    private final MembershipService memberships;
    private final GroupRepository groups;
    private final ActivityRecorder activities;

    public IdentityEventsConsumer(Inbox inbox, OrganizationService organizations, MembershipService memberships,
                                  GroupRepository groups, ActivityRecorder activities) {
        this.inbox = inbox;
        this.organizations = organizations;
        this.memberships = memberships;
        this.groups = groups;
        this.activities = activities;
    }

    @Incoming("identity-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce("tenancy-identity", json, e -> apply(e).chain(() -> activities.record(e)))
                .replaceWithVoid();
    }

    Uni<Void> apply(CloudEvent e) {
        JsonNode d = e.data();
        if (d == null || e.type() == null) {
            return Uni.createFrom().voidItem();
        }
        String actor = e.actorid() != null ? e.actorid() : text(d, "userId");
        return switch (e.type()) {
            case EventTypes.ACCOUNT_REGISTERED -> memberships.upsertProfile(text(d, "userId"), text(d, "email"),
                            text(d, "firstName"), text(d, "lastName"))
                    .chain(() -> organizations.provision(UUID.fromString(text(d, "organizationId")),
                            text(d, "organizationName"), text(d, "userId"), text(d, "email"), actor))
                    .replaceWithVoid();
            case EventTypes.USER_CREATED -> memberships.upsertProfile(text(d, "userId"), text(d, "email"),
                            text(d, "firstName"), text(d, "lastName"))
                    .chain(() -> text(d, "organizationId") == null ? Uni.createFrom().voidItem()
                            : organizations.grant(UUID.fromString(text(d, "organizationId")), text(d, "userId"),
                            Set.of(text(d, "role") == null ? "reader" : text(d, "role")), actor).replaceWithVoid())
                    .replaceWithVoid();
            case EventTypes.USER_UPDATED -> memberships.upsertProfile(text(d, "userId"), text(d, "email"),
                    text(d, "firstName"), text(d, "lastName")).replaceWithVoid();
            case EventTypes.USER_DELETED -> memberships.removeUser(
                    text(d, "organizationId") == null ? null : UUID.fromString(text(d, "organizationId")),
                    text(d, "userId"), actor);
            case EventTypes.ONBOARDING_REQUESTED -> onboard(d, actor);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> onboard(JsonNode d, String actor) {
        UUID orgId = UUID.fromString(text(d, "organizationId"));
        String userId = text(d, "userId");
        String groupName = text(d, "groupName");
        return memberships.upsertProfile(userId, text(d, "email"), null, null)
                .chain(() -> organizations.provision(orgId, text(d, "organizationName"), userId, text(d, "email"),
                        actor))
                .chain(() -> groupName == null ? Uni.createFrom().voidItem()
                        : groups.count("organizationId = ?1 and name = ?2", orgId, groupName).chain(n -> {
                            if (n > 0) {
                                return Uni.createFrom().voidItem();
                            }
                            Group g = new Group();
                            g.id = UUID.randomUUID();
                            g.organizationId = orgId;
                            g.name = groupName;
                            g.userIds = userId;
                            g.roleIds = "admin";
                            g.createdAt = OffsetDateTime.now();
                            g.createdBy = actor;
                            return groups.persist(g).replaceWithVoid();
                        }));
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }
}
