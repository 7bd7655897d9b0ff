package com.cumulus.identity.apikey.repository;

import com.cumulus.identity.apikey.domain.ApiKey;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code api_key} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "id, organization_id, name, secret_hash, roles, state, key_suffix,"
            + " created_at, expire_at, used_at";
    private static final String SELECT = "select " + COLUMNS + " from api_key where ";

    private final Sql sql;

    public ApiKeyRepository(Sql sql) {
        this.sql = sql;
    }

    /** The key with this id (the keyId), or null. */
    public Uni<ApiKey> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), ApiKeyRepository::key);
    }

    /** The organization's keys, oldest first. */
    public Uni<List<ApiKey>> byOrganization(UUID organizationId) {
        return sql.list(SELECT + "organization_id = $1 order by created_at", Tuple.of(organizationId),
                ApiKeyRepository::key);
    }

    public Uni<ApiKey> insert(ApiKey k) {
        return sql.run("insert into api_key (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                values(k)).replaceWith(k);
    }

    /** Writes every column of {@code k} (by id). */
    public Uni<ApiKey> update(ApiKey k) {
        return sql.run("update api_key set organization_id = $2, name = $3, secret_hash = $4, roles = $5, state = $6,"
                + " key_suffix = $7, created_at = $8, expire_at = $9, used_at = $10 where id = $1", values(k))
                .replaceWith(k);
    }

    public Uni<Boolean> delete(UUID id) {
        return sql.changed("delete from api_key where id = $1", Tuple.of(id)).map(n -> n > 0);
    }

    public Uni<Integer> deleteByOrganization(UUID organizationId) {
        return sql.changed("delete from api_key where organization_id = $1", Tuple.of(organizationId));
    }

    private static Tuple values(ApiKey k) {
        return Tuple.from(new Object[]{k.id, k.organizationId, k.name, k.secretHash, k.roles, k.state, k.keySuffix,
                Rows.utc(k.createdAt), Rows.utc(k.expireAt), Rows.utc(k.usedAt)});
    }

    static ApiKey key(Row row) {
        ApiKey k = new ApiKey();
        k.id = row.getUUID("id");
        k.organizationId = row.getUUID("organization_id");
        k.name = row.getString("name");
        k.secretHash = row.getString("secret_hash");
        k.roles = row.getString("roles");
        k.state = row.getString("state");
        k.keySuffix = row.getString("key_suffix");
        k.createdAt = Rows.instant(row, "created_at");
        k.expireAt = Rows.instant(row, "expire_at");
        k.usedAt = Rows.instant(row, "used_at");
        return k;
    }
}
