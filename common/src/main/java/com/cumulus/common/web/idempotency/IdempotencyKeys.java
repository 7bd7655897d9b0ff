package com.cumulus.common.web.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code idempotency_key} table: one row per (principal, key), claimed before the request runs and completed
 * with its answer afterwards. Plain statements on the pool, each committed on its own, outside the request's
 * business transaction.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A key already in use: the request it was first used for and, once answered, that answer. */
    public record Existing(String method, String path, boolean pending, Integer status, String response,
                           String location) {
    }

    private static final String CLAIM = "insert into idempotency_key (principal, idempotency_key, method, path, state)"
            + " values ($1, $2, $3, $4, 'pending')"
            + " on conflict (principal, idempotency_key) do update set method = excluded.method,"
            + " path = excluded.path, state = 'pending', status = null, response = null, location = null,"
            + " created_at = now()"
            + " where idempotency_key.created_at < now() - make_interval(secs => $5)"
            + " or (idempotency_key.state = 'pending' and idempotency_key.created_at < now() - make_interval(secs => $6))"
            + " returning principal";

    private final Pool pool;
    private final IdempotencyConfig config;

    public IdempotencyKeys(Pool pool, IdempotencyConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** True when this request now owns the key (new, expired or abandoned); false when it is in use. */
    public Uni<Boolean> claim(String principal, String key, String method, String path) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(principal, key, method, path, (double) config.ttl().toSeconds(),
                        (double) config.pendingTimeout().toSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The key's current row, or null if it vanished in between (expired and cleaned up). */
    public Uni<Existing> find(String principal, String key) {
        return pool.preparedQuery("select method, path, state, status, response, location from idempotency_key"
                        + " where principal = $1 and idempotency_key = $2")
                .execute(Tuple.of(principal, key))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new Existing(row.getString("method"), row.getString("path"),
                            "pending".equals(row.getString("state")), row.getInteger("status"),
                            row.getString("response"), row.getString("location"));
                });
    }

    public Uni<Void> complete(String principal, String key, int status, String response, String location) {
        return pool.preparedQuery("update idempotency_key set state = 'done', status = $3, response = $4,"
                        + " location = $5 where principal = $1 and idempotency_key = $2")
                .execute(Tuple.of(principal, key, status, response, location))
                .replaceWithVoid();
    }

    /** Gives the key up, so that a retry runs the request again (the answer was not one to replay). */
    public Uni<Void> release(String principal, String key) {
        return pool.preparedQuery("delete from idempotency_key where principal = $1 and idempotency_key = $2")
                .execute(Tuple.of(principal, key))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteExpired() {
        return pool.preparedQuery("delete from idempotency_key where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.ttl().toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
