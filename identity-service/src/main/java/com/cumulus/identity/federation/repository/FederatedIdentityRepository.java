package com.cumulus.identity.federation.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.federation.domain.FederatedIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** {@code federated_identity} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class FederatedIdentityRepository {

    private static final String COLUMNS = "id, provider_id, subject, user_id, email, created_at";

    private final Sql sql;

    public FederatedIdentityRepository(Sql sql) {
        this.sql = sql;
    }

    /** The link of the upstream identity {@code subject} at the provider, or null. */
    public Uni<FederatedIdentity> byProviderAndSubject(UUID providerId, String subject) {
        return sql.one("select " + COLUMNS + " from federated_identity where provider_id = $1 and subject = $2",
                Tuple.of(providerId, subject), FederatedIdentityRepository::link);
    }

    public Uni<FederatedIdentity> insert(FederatedIdentity f) {
        return sql.run("insert into federated_identity (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6)",
                Tuple.from(new Object[]{f.id, f.providerId, f.subject, f.userId, f.email, Rows.utc(f.createdAt)}))
                .replaceWith(f);
    }

    /** Deletes the links to a provider (the provider is being deleted); the number deleted. */
    public Uni<Integer> deleteOfProvider(UUID providerId) {
        return sql.changed("delete from federated_identity where provider_id = $1", Tuple.of(providerId));
    }

    /** Deletes the links to an organization's providers (the organization was deleted); the number deleted. */
    public Uni<Integer> deleteOfOrganization(UUID organizationId) {
        return sql.changed("delete from federated_identity where provider_id in"
                + " (select id from oauth2_provider where organization_id = $1)", Tuple.of(organizationId));
    }

    static FederatedIdentity link(Row row) {
        FederatedIdentity f = new FederatedIdentity();
        f.id = row.getUUID("id");
        f.providerId = row.getUUID("provider_id");
        f.subject = row.getString("subject");
        f.userId = row.getUUID("user_id");
        f.email = row.getString("email");
        f.createdAt = Rows.instant(row, "created_at");
        return f;
    }
}
