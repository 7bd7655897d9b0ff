package com.cumulus.identity.serviceaccount.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.security.Caller;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.serviceaccount.domain.ServiceAccount;
import com.cumulus.identity.serviceaccount.repository.ServiceAccountRepository;
import com.cumulus.identity.token.TokenService;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service accounts (seed 001): create and rotate return a long-lived access token exactly once; rotation and deletion
 * kill the previous token at once (identity checks the live jti; the gateway revokes by the event's tokenIds).
 */
@ApplicationScoped
public class ServiceAccountService {

    public static final String CREATED = "com.cumulus.identity.serviceaccount.created.v1";
    public static final String ROTATED = "com.cumulus.identity.serviceaccount.rotated.v1";
    public static final String DELETED = "com.cumulus.identity.serviceaccount.deleted.v1";
    /** The organization role a service account's token carries. */
    public static final String ROLE = "developer";

    private final TokenService tokens;
    private final SqlOutbox outbox;
    private final IdentityConfig config;
    private final SqlTransactions tx;
    private final ServiceAccountRepository accounts;

    public ServiceAccountService(TokenService tokens, SqlOutbox outbox, IdentityConfig config, SqlTransactions tx,
                                 ServiceAccountRepository accounts) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.config = config;
        this.tx = tx;
        this.accounts = accounts;
    }

    /** A service account and, right after create/rotate only, its token. */
    public record WithToken(ServiceAccount account, String token) {
    }

    public Uni<List<ServiceAccount>> list(UUID org) {
        return accounts.byOrganization(org);
    }

    public Uni<WithToken> create(UUID org, JsonNode body, Caller caller) {
        ServiceAccount account = new ServiceAccount();
        account.id = UUID.randomUUID();
        account.organizationId = org;
        apply(account, body);
        account.createdBy = caller.subject();
        account.modifiedBy = caller.subject();
        account.createdAt = Instant.now();
        account.modifiedAt = account.createdAt;
        TokenService.Issued issued = issue(account);
        return tx.inTransaction(() -> accounts.countByName(org, account.name)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("a service account with this name exists");
                    }
                    return accounts.insert(account);
                })
                .chain(() -> outbox.record(CREATED, account.id.toString(), data(account, List.of(issued.jti())),
                        caller.subject())))
                .map(ignored -> new WithToken(account, issued.token()));
    }

    public Uni<ServiceAccount> update(UUID org, String id, JsonNode body, Caller caller) {
        return tx.inTransaction(() -> find(org, id).chain(account -> {
            apply(account, body);
            account.modifiedBy = caller.subject();
            account.modifiedAt = Instant.now();
            return accounts.update(account);
        }));
    }

    public Uni<WithToken> rotate(UUID org, String id, Caller caller) {
        return tx.inTransaction(() -> find(org, id).chain(account -> {
            String old = account.tokenJti.toString();
            TokenService.Issued issued = issue(account);
            account.modifiedBy = caller.subject();
            account.modifiedAt = Instant.now();
            return accounts.update(account)
                    .chain(() -> outbox.record(ROTATED, account.id.toString(), data(account, List.of(old)),
                            caller.subject()))
                    .replaceWith(new WithToken(account, issued.token()));
        }));
    }

    public Uni<Void> delete(UUID org, String id, Caller caller) {
        return tx.inTransaction(() -> find(org, id).chain(account -> outbox.record(DELETED,
                account.id.toString(), data(account, List.of(account.tokenJti.toString())), caller.subject())
                .chain(() -> accounts.delete(account.id)).replaceWithVoid()));
    }

    private TokenService.Issued issue(ServiceAccount account) {
        TokenService.Issued issued = tokens.accessToken(new TokenService.Subject(account.id.toString(),
                "service_account", null, Map.of(account.organizationId.toString(), List.of(ROLE)), List.of(), null,
                null, null), config.tokens().serviceAccountTokenTtl());
        account.tokenJti = UUID.fromString(issued.jti());
        account.tokenExpiresAt = issued.expiresAt();
        return issued;
    }

    private Uni<ServiceAccount> find(UUID org, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiException.notFound("service account"));
        }
        return accounts.findById(uuid).map(account -> {
            if (account == null || !account.organizationId.equals(org)) {
                throw ApiException.notFound("service account");
            }
            return account;
        });
    }

    private static void apply(ServiceAccount account, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode metadata = body.path("metadata");
        JsonNode name = metadata.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiException.invalid("metadata.name", "must not be blank");
        }
        if (!name.asText().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw ApiException.invalid("metadata.name", "must be a DNS label (lowercase letters, digits, '-', at most 63)");
        }
        account.name = name.asText();
        JsonNode description = metadata.get("description");
        if (description != null && !description.isNull()) {
            if (description.asText().length() > 500) {
                throw ApiException.invalid("metadata.description", "must be at most 500 characters");
            }
            account.description = description.asText();
        }
        List<String> groups = new ArrayList<>();
        JsonNode groupIds = body.path("spec").get("groupIDs");
        if (groupIds != null && !groupIds.isNull()) {
            if (!groupIds.isArray()) {
                throw ApiException.invalid("spec.groupIDs", "must be an array of group ids");
            }
            for (JsonNode g : groupIds) {
                if (!g.isTextual() || g.asText().isBlank() || g.asText().contains(",")) {
                    throw ApiException.invalid("spec.groupIDs", "must contain group ids");
                }
                groups.add(g.asText());
            }
        }
        account.groupIds = String.join(",", groups);
    }

    public static Map<String, Object> data(ServiceAccount account, List<String> tokenIds) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceAccountId", account.id.toString());
        data.put("organizationId", account.organizationId.toString());
        data.put("name", account.name);
        data.put("tokenIds", tokenIds);
        return data;
    }
}
