package com.cumulus.identity.serviceaccount.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.serviceaccount.domain.ServiceAccount;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code service_account} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class ServiceAccountRepository {

    private static final String COLUMNS = "id, organization_id, name, description, group_ids, token_jti,"
            + " token_expires_at, created_by, modified_by, created_at, modified_at";
    private static final String SELECT = "select " + COLUMNS + " from service_account where ";

    private final Sql sql;

    public ServiceAccountRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<ServiceAccount> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), ServiceAccountRepository::account);
    }

    /** The organization's service accounts, oldest first. */
    public Uni<List<ServiceAccount>> byOrganization(UUID organizationId) {
        return sql.list(SELECT + "organization_id = $1 order by created_at", Tuple.of(organizationId),
                ServiceAccountRepository::account);
    }

    /** How many of the organization's service accounts have this name. */
    public Uni<Long> countByName(UUID organizationId, String name) {
        return sql.one("select count(*) from service_account where organization_id = $1 and name = $2",
                Tuple.of(organizationId, name), row -> row.getLong(0));
    }

    public Uni<ServiceAccount> insert(ServiceAccount a) {
        return sql.run("insert into service_account (" + COLUMNS + ")"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", values(a)).replaceWith(a);
    }

    /** Writes every column of {@code a} (by id). */
    public Uni<ServiceAccount> update(ServiceAccount a) {
        return sql.run("update service_account set organization_id = $2, name = $3, description = $4, group_ids = $5,"
                + " token_jti = $6, token_expires_at = $7, created_by = $8, modified_by = $9, created_at = $10,"
                + " modified_at = $11 where id = $1", values(a)).replaceWith(a);
    }

    public Uni<Boolean> delete(UUID id) {
        return sql.changed("delete from service_account where id = $1", Tuple.of(id)).map(n -> n > 0);
    }

    public Uni<Integer> deleteByOrganization(UUID organizationId) {
        return sql.changed("delete from service_account where organization_id = $1", Tuple.of(organizationId));
    }

    private static Tuple values(ServiceAccount a) {
        return Tuple.from(new Object[]{a.id, a.organizationId, a.name, a.description, a.groupIds, a.tokenJti,
                Rows.utc(a.tokenExpiresAt), a.createdBy, a.modifiedBy, Rows.utc(a.createdAt), Rows.utc(a.modifiedAt)});
    }

    static ServiceAccount account(Row row) {
        ServiceAccount a = new ServiceAccount();
        a.id = row.getUUID("id");
        a.organizationId = row.getUUID("organization_id");
        a.name = row.getString("name");
        a.description = row.getString("description");
        a.groupIds = row.getString("group_ids");
        a.tokenJti = row.getUUID("token_jti");
        a.tokenExpiresAt = Rows.instant(row, "token_expires_at");
        a.createdBy = row.getString("created_by");
        a.modifiedBy = row.getString("modified_by");
        a.createdAt = Rows.instant(row, "created_at");
        a.modifiedAt = Rows.instant(row, "modified_at");
        return a;
    }
}
