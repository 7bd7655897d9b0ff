package com.cumulus.identity.account.repository;

import com.cumulus.identity.account.domain.Registration;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** {@code registration} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class RegistrationRepository {

    private static final String COLUMNS = "id, email, organization_name, code_hash, code_expires_at, created_at,"
            + " completed_at";
    private static final String SELECT = "select " + COLUMNS + " from registration where ";

    private final Sql sql;

    public RegistrationRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Registration> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), RegistrationRepository::registration);
    }

    /** The most recent registration of this (normalized) email that is not completed, or null. */
    public Uni<Registration> latestOpen(String email) {
        return sql.one(SELECT + "email = $1 and completed_at is null order by created_at desc limit 1",
                Tuple.of(email), RegistrationRepository::registration);
    }

    public Uni<Registration> insert(Registration r) {
        return sql.run("insert into registration (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)", values(r))
                .replaceWith(r);
    }

    /** Writes every column of {@code r} (by id). */
    public Uni<Registration> update(Registration r) {
        return sql.run("update registration set email = $2, organization_name = $3, code_hash = $4,"
                + " code_expires_at = $5, created_at = $6, completed_at = $7 where id = $1", values(r)).replaceWith(r);
    }

    private static Tuple values(Registration r) {
        return Tuple.from(new Object[]{r.id, r.email, r.organizationName, r.codeHash, Rows.utc(r.codeExpiresAt),
                Rows.utc(r.createdAt), Rows.utc(r.completedAt)});
    }

    static Registration registration(Row row) {
        Registration r = new Registration();
        r.id = row.getUUID("id");
        r.email = row.getString("email");
        r.organizationName = row.getString("organization_name");
        r.codeHash = row.getString("code_hash");
        r.codeExpiresAt = Rows.instant(row, "code_expires_at");
        r.createdAt = Rows.instant(row, "created_at");
        r.completedAt = Rows.instant(row, "completed_at");
        return r;
    }
}
