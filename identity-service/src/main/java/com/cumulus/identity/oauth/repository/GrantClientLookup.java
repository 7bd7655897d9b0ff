package com.cumulus.identity.oauth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the {@code client_credentials} grant needs to know about a client, read with one prepared statement on the
 * pool, outside any transaction: the grant writes nothing (but an API key's {@code used_at}, at most once a minute),
 * so BEGIN/COMMIT around a single read would only cost round trips.
 */
@ApplicationScoped
public class GrantClientLookup {

    /** A registered OAuth client (including catalog application credentials). */
    public record GrantClient(String clientId, String secretHash, boolean publicClient, String state) {
        public boolean enabled() {
            return "enabled".equals(state);
        }
    }

    /** A seed-004 API key used as a client. */
    public record GrantKey(UUID id, UUID organizationId, String secretHash, List<String> roles, String state,
                           Instant expireAt, Instant usedAt) {
        public boolean usable() {
            return "enabled".equals(state) && (expireAt == null || expireAt.isAfter(Instant.now()));
        }
    }

    private final Pool pool;

    public GrantClientLookup(Pool pool) {
        this.pool = pool;
    }

    public Uni<GrantClient> client(String clientId) {
        return pool.preparedQuery("select client_id, secret_hash, public_client, state from oauth_client where client_id = $1")
                .execute(Tuple.of(clientId))
                .map(rows -> rows.size() == 0 ? null : client(rows.iterator().next()));
    }

    public Uni<GrantKey> apiKey(UUID keyId) {
        return pool.preparedQuery("select id, organization_id, secret_hash, roles, state, expire_at, used_at "
                        + "from api_key where id = $1")
                .execute(Tuple.of(keyId))
                .map(rows -> rows.size() == 0 ? null : key(rows.iterator().next()));
    }

    /** Keeps {@code used_at} current to the minute without a write per grant. */
    public Uni<Void> touch(GrantKey key) {
        if (key.usedAt() != null && key.usedAt().isAfter(Instant.now().minusSeconds(60))) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update api_key set used_at = $2 where id = $1")
                .execute(Tuple.of(key.id(), OffsetDateTime.now(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static GrantClient client(Row row) {
        return new GrantClient(row.getString("client_id"), row.getString("secret_hash"),
                Boolean.TRUE.equals(row.getBoolean("public_client")), row.getString("state"));
    }

    private static GrantKey key(Row row) {
        String roles = row.getString("roles");
        return new GrantKey(row.getUUID("id"), row.getUUID("organization_id"), row.getString("secret_hash"),
                roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(",")),
                row.getString("state"), instant(row, "expire_at"), instant(row, "used_at"));
    }

    private static Instant instant(Row row, String column) {
        Object value = row.getValue(column);
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return null;
    }
}
