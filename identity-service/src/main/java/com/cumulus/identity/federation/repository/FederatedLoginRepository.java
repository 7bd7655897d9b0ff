package com.cumulus.identity.federation.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.federation.domain.FederatedLogin;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** {@code federated_login} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class FederatedLoginRepository {

    private static final String COLUMNS = "id, state_hash, provider_id, params, nonce, code_verifier, redirect_uri,"
            + " user_id, onboard_hash, expires_at, used_at, onboarded_at";
    private static final String SELECT = "select " + COLUMNS + " from federated_login where ";

    private final Sql sql;

    public FederatedLoginRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<FederatedLogin> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), FederatedLoginRepository::login);
    }

    /** The login whose upstream state has this SHA-256 (hex), or null. */
    public Uni<FederatedLogin> byStateHash(String stateHash) {
        return sql.one(SELECT + "state_hash = $1", Tuple.of(stateHash), FederatedLoginRepository::login);
    }

    /** The login whose onboarding state has this SHA-256 (hex), or null. */
    public Uni<FederatedLogin> byOnboardHash(String onboardHash) {
        return sql.one(SELECT + "onboard_hash = $1", Tuple.of(onboardHash), FederatedLoginRepository::login);
    }

    public Uni<FederatedLogin> insert(FederatedLogin l) {
        return sql.run("insert into federated_login (" + COLUMNS + ")"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", values(l)).replaceWith(l);
    }

    /** Writes every column of {@code l} (by id). */
    public Uni<FederatedLogin> update(FederatedLogin l) {
        return sql.run("update federated_login set state_hash = $2, provider_id = $3, params = $4, nonce = $5,"
                + " code_verifier = $6, redirect_uri = $7, user_id = $8, onboard_hash = $9, expires_at = $10,"
                + " used_at = $11, onboarded_at = $12 where id = $1", values(l)).replaceWith(l);
    }

    /**
     * Marks the login's upstream answer used; false when it was used already (a concurrent callback with the same
     * state got it first).
     */
    public Uni<Boolean> markUsed(UUID id, Instant at) {
        return sql.changed("update federated_login set used_at = $2 where id = $1 and used_at is null",
                Tuple.of(id, Rows.utc(at))).map(n -> n > 0);
    }

    /** Marks the login's onboarding done; false when it was done already (a concurrent submission got it first). */
    public Uni<Boolean> markOnboarded(UUID id, Instant at) {
        return sql.changed("update federated_login set onboarded_at = $2 where id = $1 and onboarded_at is null",
                Tuple.of(id, Rows.utc(at))).map(n -> n > 0);
    }

    /** Deletes the logins that expired before {@code cutoff}; the number deleted. */
    public Uni<Integer> deleteExpiredBefore(Instant cutoff) {
        return sql.changed("delete from federated_login where expires_at < $1", Tuple.of(Rows.utc(cutoff)));
    }

    private static Tuple values(FederatedLogin l) {
        return Tuple.from(new Object[]{l.id, l.stateHash, l.providerId, l.params, l.nonce, l.codeVerifier,
                l.redirectUri, l.userId, l.onboardHash, Rows.utc(l.expiresAt), Rows.utc(l.usedAt),
                Rows.utc(l.onboardedAt)});
    }

    static FederatedLogin login(Row row) {
        FederatedLogin l = new FederatedLogin();
        l.id = row.getUUID("id");
        l.stateHash = row.getString("state_hash");
        l.providerId = row.getUUID("provider_id");
        l.params = row.getString("params");
        l.nonce = row.getString("nonce");
        l.codeVerifier = row.getString("code_verifier");
        l.redirectUri = row.getString("redirect_uri");
        l.userId = row.getUUID("user_id");
        l.onboardHash = row.getString("onboard_hash");
        l.expiresAt = Rows.instant(row, "expires_at");
        l.usedAt = Rows.instant(row, "used_at");
        l.onboardedAt = Rows.instant(row, "onboarded_at");
        return l;
    }
}
