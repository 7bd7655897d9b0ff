package com.cumulus.identity.apikey.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.security.Caller;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.apikey.api.ApiKeyDtos.KeyCreatedResult;
import com.cumulus.identity.apikey.api.ApiKeyDtos.KeyResult;
import com.cumulus.identity.apikey.domain.ApiKey;
import com.cumulus.identity.apikey.repository.ApiKeyRepository;
import com.cumulus.identity.token.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Seed 004 API keys: the secret is returned once and kept (and published) only as SHA-256. */
@ApplicationScoped
public class ApiKeyService {

    public static final String CREATED = "com.cumulus.identity.apikey.created.v1";
    public static final String UPDATED = "com.cumulus.identity.apikey.updated.v1";
    public static final String DELETED = "com.cumulus.identity.apikey.deleted.v1";
    private static final Set<String> ROLES = Set.of("admin", "developer");

    private final SqlOutbox outbox;
    private final SqlTransactions tx;
    private final ApiKeyRepository keys;

    public ApiKeyService(SqlOutbox outbox, SqlTransactions tx, ApiKeyRepository keys) {
        this.outbox = outbox;
        this.tx = tx;
        this.keys = keys;
    }

    public Uni<List<KeyResult>> list(UUID org) {
        return keys.byOrganization(org).map(all -> all.stream().map(ApiKeyService::result).toList());
    }

    public Uni<KeyResult> get(UUID org, String keyId) {
        return find(org, keyId).map(ApiKeyService::result);
    }

    public Uni<KeyCreatedResult> create(UUID org, JsonNode body, Caller caller) {
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.organizationId = org;
        key.name = name(body, true);
        key.roles = String.join(",", roles(body, true));
        key.state = state(body, "enabled");
        key.expireAt = expireAt(body, null);
        String secret = Secrets.random(30);
        key.secretHash = Secrets.sha256Hex(secret);
        key.keySuffix = secret.substring(secret.length() - 4);
        key.createdAt = Instant.now();
        return tx.inTransaction(() -> keys.insert(key)
                .chain(() -> outbox.record(CREATED, key.id.toString(), data(key), caller.subject())))
                .map(ignored -> new KeyCreatedResult(result(key), key.id.toString(), secret));
    }

    public Uni<KeyResult> update(UUID org, String keyId, JsonNode body, Caller caller) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body is required");
        }
        String name = body.has("name") ? name(body, true) : null;
        List<String> roles = body.has("roles") ? roles(body, true) : null;
        String state = body.has("state") ? state(body, null) : null;
        boolean expireGiven = body.has("expireAt");
        Instant expire = expireGiven ? expireAt(body, null) : null;
        return tx.inTransaction(() -> find(org, keyId).chain(key -> {
            if (name != null) {
                key.name = name;
            }
            if (roles != null) {
                key.roles = String.join(",", roles);
            }
            if (state != null) {
                key.state = state;
            }
            if (expireGiven) {
                key.expireAt = expire;
            }
            return keys.update(key)
                    .chain(() -> outbox.record(UPDATED, key.id.toString(), data(key), caller.subject()))
                    .replaceWith(result(key));
        }));
    }

    public Uni<Void> delete(UUID org, String keyId, Caller caller) {
        if ("api_key".equals(caller.principalType()) && keyId.equalsIgnoreCase(caller.subject())) {
            throw ApiException.conflict("a key cannot delete itself: authenticate with another key");
        }
        return tx.inTransaction(() -> find(org, keyId).chain(key -> outbox.record(DELETED, key.id.toString(),
                data(key), caller.subject()).chain(() -> keys.delete(key.id)).replaceWithVoid()));
    }

    private Uni<ApiKey> find(UUID org, String keyId) {
        UUID id;
        try {
            id = UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiException.notFound("key"));
        }
        return keys.findById(id).map(key -> {
            if (key == null || !key.organizationId.equals(org)) {
                throw ApiException.notFound("key");
            }
            return key;
        });
    }

    private static String name(JsonNode body, boolean required) {
        JsonNode node = body == null ? null : body.get("name");
        if (node == null || node.isNull() || node.asText().isBlank()) {
            if (required) {
                throw ApiException.invalid("name", "must not be blank");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().length() > 100) {
            throw ApiException.invalid("name", "must be a string of at most 100 characters");
        }
        return node.asText().trim();
    }

    private static List<String> roles(JsonNode body, boolean required) {
        JsonNode node = body == null ? null : body.get("roles");
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiException.invalid("roles", "must contain at least 1 element");
            }
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalid("roles", "must contain at least 1 element");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode r : node) {
            if (!ROLES.contains(r.asText())) {
                throw ApiException.invalid("roles", "must be admin or developer");
            }
            out.add(r.asText());
        }
        return new ArrayList<>(out);
    }

    private static String state(JsonNode body, String dflt) {
        JsonNode node = body == null ? null : body.get("state");
        if (node == null || node.isNull()) {
            return dflt;
        }
        String value = node.asText();
        if (!"enabled".equals(value) && !"disabled".equals(value)) {
            throw ApiException.invalid("state", "must be enabled or disabled");
        }
        return value;
    }

    private static Instant expireAt(JsonNode body, Instant dflt) {
        JsonNode node = body == null ? null : body.get("expireAt");
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return dflt;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("expireAt", "must be an ISO-8601 date-time");
        }
    }

    static KeyResult result(ApiKey key) {
        return new KeyResult(key.id.toString(), key.name, key.state, key.roleList(), key.keySuffix,
                key.createdAt.toString(), key.expireAt == null ? null : key.expireAt.toString(),
                key.usedAt == null ? null : key.usedAt.toString());
    }

    public static Map<String, Object> data(ApiKey key) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyId", key.id.toString());
        data.put("organizationId", key.organizationId.toString());
        data.put("name", key.name);
        data.put("keySecretHash", key.secretHash);
        data.put("roles", key.roleList());
        data.put("state", key.state);
        data.put("expireAt", key.expireAt == null ? null : key.expireAt.toString());
        return data;
    }
}
