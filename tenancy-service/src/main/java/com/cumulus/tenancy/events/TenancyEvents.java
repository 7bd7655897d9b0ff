package com.cumulus.tenancy.events;

import com.cumulus.common.events.Outbox;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.project.domain.Project;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes tenancy's events to the outbox; call inside the use case's transaction. */
@ApplicationScoped
public class TenancyEvents {

    private final Outbox outbox;

    public TenancyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> organization(String type, Organization org, String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", org.id.toString());
        data.put("name", org.name);
        data.put("type", org.type);
        data.put("state", org.state);
        data.put("paid", org.paid);
        data.put("emailDomain", org.emailDomain);
        return outbox.record(type, org.id.toString(), data, actor).replaceWithVoid();
    }

    public Uni<Void> organizationDeleted(UUID organizationId, String actor) {
        return outbox.record(EventTypes.ORGANIZATION_DELETED, organizationId.toString(),
                Map.of("organizationId", organizationId.toString()), actor).replaceWithVoid();
    }

    public Uni<Void> membershipGranted(Membership m, String actor) {
        return outbox.record(EventTypes.MEMBERSHIP_GRANTED, m.organizationId.toString(),
                Map.of("organizationId", m.organizationId.toString(), "userId", m.userId,
                        "roles", List.copyOf(m.roleSet())), actor).replaceWithVoid();
    }

    public Uni<Void> membershipRevoked(UUID organizationId, String userId, String actor) {
        return outbox.record(EventTypes.MEMBERSHIP_REVOKED, organizationId.toString(),
                Map.of("organizationId", organizationId.toString(), "userId", userId), actor).replaceWithVoid();
    }

    public Uni<Void> project(String type, Project p, String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", p.id.toString());
        data.put("organizationId", p.organizationId.toString());
        data.put("name", p.name);
        data.put("templateId", p.templateId);
        data.put("parameters", Map.of());
        return outbox.record(type, p.id.toString(), data, actor).replaceWithVoid();
    }

    public Uni<Void> raw(String type, String aggregateId, Object data, String actor) {
        return outbox.record(type, aggregateId, data, actor).replaceWithVoid();
    }
}
