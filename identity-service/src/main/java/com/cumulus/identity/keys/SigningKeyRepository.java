package com.cumulus.identity.keys;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** {@code signing_key} rows, on the current transaction when there is one. */
@ApplicationScoped
public class SigningKeyRepository {

    private static final String COLUMNS = "kid, algorithm, public_jwk, private_key, created_at, retired_at, drop_after";
    private static final String SELECT = "select " + COLUMNS + " from signing_key where ";

    private final Sql sql;

    public SigningKeyRepository(Sql sql) {
        this.sql = sql;
    }

    /** Waits for the transaction-scoped advisory lock {@code id} (released at commit or rollback). */
    public Uni<Void> lock(long id) {
        return sql.tx().connection().preparedQuery("select cast(pg_advisory_xact_lock($1) as text)")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The keys that still sign (not retired), in no particular order. */
    public Uni<List<SigningKey>> unretired() {
        return sql.list(SELECT + "retired_at is null", Tuple.tuple(), SigningKeyRepository::key);
    }

    /** The keys not dropped at {@code now}, newest first. */
    public Uni<List<SigningKey>> notDropped(Instant now) {
        return sql.list(SELECT + "drop_after is null or drop_after > $1 order by created_at desc",
                Tuple.of(Rows.utc(now)), SigningKeyRepository::key);
    }

    public Uni<SigningKey> insert(SigningKey k) {
        return sql.run("insert into signing_key (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)",
                Tuple.from(new Object[]{k.kid, k.algorithm, k.publicJwk, Rows.bytea(k.privateKey),
                        Rows.utc(k.createdAt), Rows.utc(k.retiredAt), Rows.utc(k.dropAfter)})).replaceWith(k);
    }

    /** Writes the key's retirement ({@code retired_at}, {@code drop_after}). */
    public Uni<Void> retire(SigningKey k) {
        return sql.run("update signing_key set retired_at = $2, drop_after = $3 where kid = $1",
                Tuple.of(k.kid, Rows.utc(k.retiredAt), Rows.utc(k.dropAfter)));
    }

    static SigningKey key(Row row) {
        SigningKey k = new SigningKey();
        k.kid = row.getString("kid");
        k.algorithm = row.getString("algorithm");
        k.publicJwk = row.getString("public_jwk");
        k.privateKey = row.getBuffer("private_key").getBytes();
        k.createdAt = Rows.instant(row, "created_at");
        k.retiredAt = Rows.instant(row, "retired_at");
        k.dropAfter = Rows.instant(row, "drop_after");
        return k;
    }
}
