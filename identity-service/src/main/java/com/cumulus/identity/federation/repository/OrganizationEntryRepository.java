package com.cumulus.identity.federation.repository;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.federation.domain.OrganizationEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code organization_directory} rows, on the current transaction when there is one ({@link SqlTransactions}). */
@ApplicationScoped
public class OrganizationEntryRepository {

    private static final String COLUMNS = "organization_id, name, email_domain";

    private final SqlTransactions tx;

    public OrganizationEntryRepository(SqlTransactions tx) {
        this.tx = tx;
    }

    /** The organizations whose email domain is {@code domain} (compared as stored: lowercase). */
    public Uni<List<OrganizationEntry>> byEmailDomain(String domain) {
        return Rows.list(tx.client().preparedQuery("select " + COLUMNS + " from organization_directory"
                + " where email_domain = $1").execute(Tuple.of(domain)), OrganizationEntryRepository::entry);
    }

    /** Inserts the entry, or overwrites the name and email domain of the organization's entry. */
    public Uni<Void> upsert(OrganizationEntry e) {
        return tx.client().preparedQuery("insert into organization_directory (" + COLUMNS + ") values ($1, $2, $3)"
                        + " on conflict (organization_id) do update set name = excluded.name,"
                        + " email_domain = excluded.email_domain")
                .execute(Tuple.of(e.organizationId, e.name, e.emailDomain)).replaceWithVoid();
    }

    public Uni<Boolean> delete(UUID organizationId) {
        return Rows.count(tx.client().preparedQuery("delete from organization_directory where organization_id = $1")
                .execute(Tuple.of(organizationId))).map(n -> n > 0);
    }

    static OrganizationEntry entry(Row row) {
        OrganizationEntry e = new OrganizationEntry();
        e.organizationId = row.getUUID("organization_id");
        e.name = row.getString("name");
        e.emailDomain = row.getString("email_domain");
        return e;
    }
}
