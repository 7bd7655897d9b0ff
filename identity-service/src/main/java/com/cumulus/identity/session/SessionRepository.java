package com.cumulus.identity.session;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code user_session} rows, on the current transaction when there is one. */
@ApplicationScoped
public class SessionRepository {

    private static final String COLUMNS = "id, user_id, client_id, cookie_hash, auth_time, created_at, expires_at,"
            + " revoked_at";
    private static final String SELECT = "select " + COLUMNS + " from user_session where ";

    private final Sql sql;

    public SessionRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<UserSession> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), SessionRepository::session);
    }

    /** The session of a browser SSO cookie (by its SHA-256), or null. */
    public Uni<UserSession> byCookieHash(String cookieHash) {
        return sql.one(SELECT + "cookie_hash = $1", Tuple.of(cookieHash), SessionRepository::session);
    }

    /** The user's sessions not revoked yet (expired ones included). */
    public Uni<List<UserSession>> unrevokedOf(UUID userId) {
        return sql.list(SELECT + "user_id = $1 and revoked_at is null", Tuple.of(userId), SessionRepository::session);
    }

    public Uni<UserSession> insert(UserSession s) {
        return sql.run("insert into user_session (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8)",
                Tuple.from(new Object[]{s.id, s.userId, s.clientId, s.cookieHash, Rows.utc(s.authTime),
                        Rows.utc(s.createdAt), Rows.utc(s.expiresAt), Rows.utc(s.revokedAt)})).replaceWith(s);
    }

    public Uni<Void> markRevoked(UUID id, Instant at) {
        return sql.run("update user_session set revoked_at = $2 where id = $1 and revoked_at is null",
                Tuple.of(id, Rows.utc(at)));
    }

    public Uni<Void> insertIssued(IssuedToken t) {
        return sql.run("insert into issued_token (jti, session_id, expires_at) values ($1, $2, $3)",
                Tuple.of(t.jti, t.sessionId, Rows.utc(t.expiresAt)));
    }

    /** The access tokens of the session that have not expired at {@code now}. */
    public Uni<List<IssuedToken>> liveIssued(UUID sessionId, Instant now) {
        return sql.list("select jti, session_id, expires_at from issued_token where session_id = $1"
                + " and expires_at > $2", Tuple.of(sessionId, Rows.utc(now)), SessionRepository::issued);
    }

    static UserSession session(Row row) {
        UserSession s = new UserSession();
        s.id = row.getUUID("id");
        s.userId = row.getUUID("user_id");
        s.clientId = row.getString("client_id");
        s.cookieHash = row.getString("cookie_hash");
        s.authTime = Rows.instant(row, "auth_time");
        s.createdAt = Rows.instant(row, "created_at");
        s.expiresAt = Rows.instant(row, "expires_at");
        s.revokedAt = Rows.instant(row, "revoked_at");
        return s;
    }

    static IssuedToken issued(Row row) {
        IssuedToken t = new IssuedToken();
        t.jti = row.getUUID("jti");
        t.sessionId = row.getUUID("session_id");
        t.expiresAt = Rows.instant(row, "expires_at");
        return t;
    }
}
