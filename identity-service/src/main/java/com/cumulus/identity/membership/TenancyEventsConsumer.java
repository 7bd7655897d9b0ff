package com.cumulus.identity.membership;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.common.events.Outbox;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.service.AccountService;
import com.cumulus.identity.apikey.domain.ApiKey;
import com.cumulus.identity.apikey.service.ApiKeyService;
import com.cumulus.identity.serviceaccount.domain.ServiceAccount;
import com.cumulus.identity.serviceaccount.service.ServiceAccountService;
import com.cumulus.identity.session.SessionService;
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
 * organization's memberships, API keys, service accounts, identity providers and its users' sessions, publishing
 * apikey.deleted / serviceaccount.deleted / session.revoked), invitation.registered (creates the invited user's
 * account without a password and mails a set-password link).
 */
@ApplicationScoped
public class TenancyEventsConsumer {

    static final String GRANTED = "com.cumulus.tenancy.membership.granted.v1";
    static final String REVOKED = "com.cumulus.tenancy.membership.revoked.v1";
    static final String ORG_DELETED = "com.cumulus.tenancy.organization.deleted.v1";
    static final String ORG_CREATED = "com.cumulus.tenancy.organization.created.v1";
    static final String ORG_UPDATED = "com.cumulus.tenancy.organization.updated.v1";

    static final String INVITATION_REGISTERED = "com.cumulus.tenancy.invitation.registered.v1";

    private final Inbox inbox;
    private final MembershipStore memberships;
    private final SessionService sessions;
    private final Outbox outbox;
    private final AccountService accounts;

    public TenancyEventsConsumer(Inbox inbox, MembershipStore memberships, SessionService sessions, Outbox outbox,
                                 AccountService accounts) {
        this.inbox = inbox;
        this.memberships = memberships;
        this.sessions = sessions;
        this.outbox = outbox;
        this.accounts = accounts;
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
                case INVITATION_REGISTERED -> accounts.invitedUser(uuid(data, "userId"), text(data, "email"),
                        text(data, "firstName"), text(data, "lastName"));
                case ORG_CREATED, ORG_UPDATED -> directory(uuid(data, "organizationId"), text(data, "name"),
                        text(data, "emailDomain"));
                default -> Uni.createFrom().voidItem();
            };
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
    }

    /**
     * Drops everything identity holds for the organization in the inbox's transaction, announcing what the gateway
     * must stop accepting: {@code session.revoked} for each live session of the users whose seed-003 account is that
     * organization, {@code apikey.deleted} for each key, {@code serviceaccount.deleted} for each service account.
     */
    private Uni<Void> deleteOrganization(UUID org) {
        return memberships.deleteOrganization(org)
                .chain(() -> User.<User>list("organizationId", org))
                .chain(users -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (User user : users) {
                        chain = chain.chain(() -> sessions.revokeAll(user.id, null));
                    }
                    return chain;
                })
                .chain(() -> ApiKey.<ApiKey>list("organizationId", org))
                .chain(keys -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApiKey key : keys) {
                        chain = chain.chain(() -> outbox.record(ApiKeyService.DELETED, key.id.toString(),
                                ApiKeyService.data(key)).replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> ServiceAccount.<ServiceAccount>list("organizationId", org))
                .chain(accounts -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ServiceAccount account : accounts) {
                        chain = chain.chain(() -> outbox.record(ServiceAccountService.DELETED,
                                account.id.toString(), ServiceAccountService.data(account,
                                        account.tokenJti == null ? List.of() : List.of(account.tokenJti.toString()))).replaceWithVoid());
                    }
                    return chain;
                })
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
