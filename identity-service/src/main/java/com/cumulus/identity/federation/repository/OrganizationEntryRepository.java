package com.cumulus.identity.federation.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.federation.domain.OrganizationEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code organization_directory} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class OrganizationEntryRepository {

    private static final String COLUMNS = "organization_id, name, email_domain";

    private final Sql sql;

    public OrganizationEntryRepository(Sql sql) {
        this.sql = sql;
    }

    /** The organizations whose email domain is {@code domain} (compared as stored: lowercase). */
    public Uni<List<OrganizationEntry>> byEmailDomain(String domain) {
        return sql.list("select " + COLUMNS + " from organization_directory where email_domain = $1", Tuple.of(domain),
                OrganizationEntryRepository::entry);
    }

    /** Inserts the entry, or overwrites the name and email domain of the organization's entry. */
    public Uni<Void> upsert(OrganizationEntry e) {
        return sql.run("insert into organization_directory (" + COLUMNS + ") values ($1, $2, $3)"
                + " on conflict (organization_id) do update set name = excluded.name,"
                + " email_domain = excluded.email_domain", Tuple.of(e.organizationId, e.name, e.emailDomain));
    }

    public Uni<Boolean> delete(UUID organizationId) {
        return sql.changed("delete from organization_directory where organization_id = $1", Tuple.of(organizationId))
                .map(n -> n > 0);
    }

    static OrganizationEntry entry(Row row) {
        OrganizationEntry e = new OrganizationEntry();
        e.organizationId = row.getUUID("organization_id");
        e.name = row.getString("name");
        e.emailDomain = row.getString("email_domain");
        return e;
    }
}
