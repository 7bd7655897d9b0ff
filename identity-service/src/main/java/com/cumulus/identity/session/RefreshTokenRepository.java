package com.cumulus.identity.session;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** {@code refresh_token} rows (by SHA-256 of the token), on the current transaction when there is one. */
@ApplicationScoped
public class RefreshTokenRepository {

    private static final String COLUMNS = "token_hash, session_id, client_id, scope, nonce, created_at, expires_at,"
            + " used_at";

    private final Sql sql;

    public RefreshTokenRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return sql.one("select " + COLUMNS + " from refresh_token where token_hash = $1", Tuple.of(tokenHash),
                RefreshTokenRepository::token);
    }

    public Uni<RefreshToken> insert(RefreshToken t) {
        return sql.run("insert into refresh_token (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8)",
                Tuple.from(new Object[]{t.tokenHash, t.sessionId, t.clientId, t.scope, t.nonce, Rows.utc(t.createdAt),
                        Rows.utc(t.expiresAt), Rows.utc(t.usedAt)})).replaceWith(t);
    }

    /** Marks one token used; false when it was used already (a reuse). */
    public Uni<Boolean> markUsed(String tokenHash, Instant at) {
        return sql.changed("update refresh_token set used_at = $2 where token_hash = $1 and used_at is null",
                Tuple.of(tokenHash, Rows.utc(at))).map(n -> n > 0);
    }

    /** Marks every unused token of the session used (the session ended). */
    public Uni<Void> markSessionUsed(UUID sessionId, Instant at) {
        return sql.run("update refresh_token set used_at = $2 where session_id = $1 and used_at is null",
                Tuple.of(sessionId, Rows.utc(at)));
    }

    static RefreshToken token(Row row) {
        RefreshToken t = new RefreshToken();
        t.tokenHash = row.getString("token_hash");
        t.sessionId = row.getUUID("session_id");
        t.clientId = row.getString("client_id");
        t.scope = row.getString("scope");
        t.nonce = row.getString("nonce");
        t.createdAt = Rows.instant(row, "created_at");
        t.expiresAt = Rows.instant(row, "expires_at");
        t.usedAt = Rows.instant(row, "used_at");
        return t;
    }
}
