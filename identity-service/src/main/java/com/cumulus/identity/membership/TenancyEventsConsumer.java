package com.cumulus.identity.membership;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.SqlInbox;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.federation.domain.OrganizationEntry;
import com.cumulus.identity.federation.repository.FederatedIdentityRepository;
import com.cumulus.identity.federation.repository.IdentityProviderRepository;
import com.cumulus.identity.federation.repository.OrganizationEntryRepository;
import com.cumulus.identity.account.service.AccountService;
import com.cumulus.identity.apikey.domain.ApiKey;
import com.cumulus.identity.apikey.repository.ApiKeyRepository;
import com.cumulus.identity.apikey.service.ApiKeyService;
import com.cumulus.identity.serviceaccount.domain.ServiceAccount;
import com.cumulus.identity.serviceaccount.repository.ServiceAccountRepository;
import com.cumulus.identity.serviceaccount.service.ServiceAccountService;
import com.cumulus.identity.session.SessionService;
import com.fasterxml.jackson.databind.JsonNode;
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

    private final SqlInbox inbox;
    private final MembershipStore memberships;
    private final SessionService sessions;
    private final SqlOutbox outbox;
    private final AccountService accounts;
    private final UserRepository users;
    private final ApiKeyRepository apiKeys;
    private final ServiceAccountRepository serviceAccounts;
    private final FederatedIdentityRepository links;
    private final IdentityProviderRepository providers;
    private final OrganizationEntryRepository directory;

    public TenancyEventsConsumer(SqlInbox inbox, MembershipStore memberships, SessionService sessions,
                                 SqlOutbox outbox, AccountService accounts, UserRepository users,
                                 ApiKeyRepository apiKeys, ServiceAccountRepository serviceAccounts,
                                 FederatedIdentityRepository links, IdentityProviderRepository providers,
                                 OrganizationEntryRepository directory) {
        this.inbox = inbox;
        this.memberships = memberships;
        this.sessions = sessions;
        this.outbox = outbox;
        this.accounts = accounts;
        this.users = users;
        this.apiKeys = apiKeys;
        this.serviceAccounts = serviceAccounts;
        this.links = links;
        this.providers = providers;
        this.directory = directory;
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
                .chain(() -> users.byOrganization(org))
                .chain(members -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (User user : members) {
                        chain = chain.chain(() -> sessions.revokeAll(user.id, null));
                    }
                    return chain;
                })
                .chain(() -> apiKeys.byOrganization(org))
                .chain(keys -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApiKey key : keys) {
                        chain = chain.chain(() -> outbox.record(ApiKeyService.DELETED, key.id.toString(),
                                ApiKeyService.data(key)).replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> serviceAccounts.byOrganization(org))
                .chain(accounts -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ServiceAccount account : accounts) {
                        chain = chain.chain(() -> outbox.record(ServiceAccountService.DELETED,
                                account.id.toString(), ServiceAccountService.data(account,
                                        account.tokenJti == null ? List.of() : List.of(account.tokenJti.toString()))).replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> users.clearOrganization(org))
                .chain(() -> apiKeys.deleteByOrganization(org))
                .chain(() -> serviceAccounts.deleteByOrganization(org))
                .chain(() -> links.deleteOfOrganization(org))
                .chain(() -> providers.deleteOfOrganization(org))
                .chain(() -> directory.delete(org))
                .replaceWithVoid();
    }

    /** The organization's name and email domain, for routing a federated login by the email's domain. */
    private Uni<Void> directory(UUID org, String name, String emailDomain) {
        OrganizationEntry entry = new OrganizationEntry();
        entry.organizationId = org;
        entry.name = name;
        entry.emailDomain = emailDomain == null || emailDomain.isBlank() ? null
                : emailDomain.trim().toLowerCase(java.util.Locale.ROOT);
        return directory.upsert(entry);
    }

    static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }
}
