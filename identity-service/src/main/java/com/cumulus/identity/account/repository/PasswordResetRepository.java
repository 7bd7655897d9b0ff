package com.cumulus.identity.account.repository;

import com.cumulus.identity.account.domain.PasswordReset;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code password_reset} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class PasswordResetRepository {

    private static final String COLUMNS = "id, user_id, token_hash, expires_at, used_at";

    private final Sql sql;

    public PasswordResetRepository(Sql sql) {
        this.sql = sql;
    }

    /** The reset link with this token hash (SHA-256 hex), or null. */
    public Uni<PasswordReset> byTokenHash(String tokenHash) {
        return sql.one("select " + COLUMNS + " from password_reset where token_hash = $1", Tuple.of(tokenHash),
                PasswordResetRepository::reset);
    }

    public Uni<PasswordReset> insert(PasswordReset r) {
        return sql.run("insert into password_reset (" + COLUMNS + ") values ($1, $2, $3, $4, $5)", values(r))
                .replaceWith(r);
    }

    /** Writes every column of {@code r} (by id). */
    public Uni<PasswordReset> update(PasswordReset r) {
        return sql.run("update password_reset set user_id = $2, token_hash = $3, expires_at = $4, used_at = $5"
                + " where id = $1", values(r)).replaceWith(r);
    }

    private static Tuple values(PasswordReset r) {
        return Tuple.of(r.id, r.userId, r.tokenHash, Rows.utc(r.expiresAt), Rows.utc(r.usedAt));
    }

    static PasswordReset reset(Row row) {
        PasswordReset r = new PasswordReset();
        r.id = row.getUUID("id");
        r.userId = row.getUUID("user_id");
        r.tokenHash = row.getString("token_hash");
        r.expiresAt = Rows.instant(row, "expires_at");
        r.usedAt = Rows.instant(row, "used_at");
        return r;
    }
}
