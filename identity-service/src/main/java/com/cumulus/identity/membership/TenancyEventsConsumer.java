package com.cumulus.identity.membership;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the membership projection from tenancy.events: membership.granted (full role set), membership.revoked,
 * organization.created/updated (name and email domain, for login routing), organization.deleted (drops the
 * organization's memberships, API keys, service accounts, identity providers and its users' sessions).
 */
@ApplicationScoped
public class TenancyEventsConsumer {

    static final String GRANTED = "com.cumulus.tenancy.membership.granted.v1";
    static final String REVOKED = "com.cumulus.tenancy.membership.revoked.v1";
    static final String ORG_DELETED = "com.cumulus.tenancy.organization.deleted.v1";
    static final String ORG_CREATED = "com.cumulus.tenancy.organization.created.v1";
    static final String ORG_UPDATED = "com.cumulus.tenancy.organization.updated.v1";

    private final Inbox inbox;
    private final MembershipStore memberships;

    public TenancyEventsConsumer(Inbox inbox, MembershipStore memberships) {
        this.inbox = inbox;
        this.memberships = memberships;
    }

    @Incoming("tenancy-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce("identity-tenancy-events", json, this::apply).replaceWithVoid();
    }

    Uni<?> apply(CloudEvent event) {
        JsonNode data = event.data();
        if (data == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            return switch (event.type()) {
                case GRANTED -> {
                    List<String> roles = new ArrayList<>();
                    data.path("roles").forEach(r -> roles.add(r.asText()));
                    yield memberships.grant(uuid(data, "organizationId"), uuid(data, "userId"), roles);
                }
                case REVOKED -> memberships.revoke(uuid(data, "organizationId"), uuid(data, "userId"));
                case ORG_DELETED -> deleteOrganization(uuid(data, "organizationId"));
                case ORG_CREATED, ORG_UPDATED -> directory(uuid(data, "organizationId"), text(data, "name"),
                        text(data, "emailDomain"));
                default -> Uni.createFrom().voidItem();
            };
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> deleteOrganization(UUID org) {
        return memberships.deleteOrganization(org)
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "update user_session set revoked_at = now() where revoked_at is null and user_id in"
                                        + " (select id from app_user where organization_id = :org)")
                        .setParameter("org", org).executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update app_user set organization_id = null, role = null where organization_id = :org")
                        .setParameter("org", org).executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from api_key where organization_id = :org").setParameter("org", org).executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from service_account where organization_id = :org").setParameter("org", org)
                        .executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from federated_identity where provider_id in"
                                + " (select id from oauth2_provider where organization_id = :org)")
                        .setParameter("org", org).executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from oauth2_provider where organization_id = :org").setParameter("org", org)
                        .executeUpdate()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from organization_directory where organization_id = :org").setParameter("org", org)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The organization's name and email domain, for routing a federated login by the email's domain. */
    private Uni<Void> directory(UUID org, String name, String emailDomain) {
        String domain = emailDomain == null || emailDomain.isBlank() ? null
                : emailDomain.trim().toLowerCase(java.util.Locale.ROOT);
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into organization_directory (organization_id, name, email_domain) values (:org, :name, :domain)"
                                + " on conflict (organization_id) do update set name = excluded.name,"
                                + " email_domain = excluded.email_domain")
                .setParameter("org", org).setParameter("name", name).setParameter("domain", domain)
                .executeUpdate()).replaceWithVoid();
    }

    static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }
}
