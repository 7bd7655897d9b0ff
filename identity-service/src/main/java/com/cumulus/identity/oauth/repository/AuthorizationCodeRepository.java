package com.cumulus.identity.oauth.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.oauth.domain.AuthorizationCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** {@code authorization_code} rows (by SHA-256 of the code), on the current transaction when there is one. */
@ApplicationScoped
public class AuthorizationCodeRepository {

    private static final String COLUMNS = "code_hash, client_id, session_id, redirect_uri, scope, nonce,"
            + " code_challenge, expires_at, used_at";

    private final Sql sql;

    public AuthorizationCodeRepository(Sql sql) {
        this.sql = sql;
    }

    /** The code with this hash, or null. */
    public Uni<AuthorizationCode> findByHash(String codeHash) {
        return sql.one("select " + COLUMNS + " from authorization_code where code_hash = $1", Tuple.of(codeHash),
                AuthorizationCodeRepository::code);
    }

    public Uni<AuthorizationCode> insert(AuthorizationCode c) {
        return sql.run("insert into authorization_code (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                Tuple.from(new Object[]{c.codeHash, c.clientId, c.sessionId, c.redirectUri, c.scope, c.nonce,
                        c.codeChallenge, Rows.utc(c.expiresAt), Rows.utc(c.usedAt)})).replaceWith(c);
    }

    public Uni<Void> markUsed(String codeHash, Instant at) {
        return sql.run("update authorization_code set used_at = $2 where code_hash = $1",
                Tuple.of(codeHash, Rows.utc(at)));
    }

    static AuthorizationCode code(Row row) {
        AuthorizationCode c = new AuthorizationCode();
        c.codeHash = row.getString("code_hash");
        c.clientId = row.getString("client_id");
        c.sessionId = row.getUUID("session_id");
        c.redirectUri = row.getString("redirect_uri");
        c.scope = row.getString("scope");
        c.nonce = row.getString("nonce");
        c.codeChallenge = row.getString("code_challenge");
        c.expiresAt = Rows.instant(row, "expires_at");
        c.usedAt = Rows.instant(row, "used_at");
        return c;
    }
}
