package com.cumulus.identity.federation.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.federation.domain.IdentityProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** {@code oauth2_provider} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class IdentityProviderRepository {

    private static final String COLUMNS = "id, organization_id, name, description, type, issuer, client_id,"
            + " client_secret, created_by, modified_by, created_at, modified_at";
    private static final String SELECT = "select " + COLUMNS + " from oauth2_provider where ";

    private final Sql sql;

    public IdentityProviderRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<IdentityProvider> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), IdentityProviderRepository::provider);
    }

    /** The system provider with this name, or null. */
    public Uni<IdentityProvider> systemByName(String name) {
        return sql.one(SELECT + "organization_id is null and name = $1 limit 1", Tuple.of(name),
                IdentityProviderRepository::provider);
    }

    /** The oldest system provider of this type, or null. */
    public Uni<IdentityProvider> oldestSystemOfType(String type) {
        return sql.one(SELECT + "organization_id is null and type = $1 order by created_at limit 1", Tuple.of(type),
                IdentityProviderRepository::provider);
    }

    /** The oldest provider of any of these organizations, or null. */
    public Uni<IdentityProvider> oldestOfOrganizations(Collection<UUID> organizationIds) {
        return sql.one(SELECT + "organization_id = any($1) order by created_at limit 1",
                Tuple.of(organizationIds.toArray(new UUID[0])), IdentityProviderRepository::provider);
    }

    /** The system providers, oldest first (then by name). */
    public Uni<List<IdentityProvider>> system() {
        return sql.list(SELECT + "organization_id is null order by created_at, name", Tuple.tuple(),
                IdentityProviderRepository::provider);
    }

    /** One organization's providers, oldest first (then by name). */
    public Uni<List<IdentityProvider>> ofOrganization(UUID organizationId) {
        return sql.list(SELECT + "organization_id = $1 order by created_at, name", Tuple.of(organizationId),
                IdentityProviderRepository::provider);
    }

    /**
     * The system providers and those of these organizations: system ones first, then by organization, oldest first,
     * then by name.
     */
    public Uni<List<IdentityProvider>> systemAndOf(Collection<UUID> organizationIds) {
        return sql.list(SELECT + "organization_id is null or organization_id = any($1)"
                        + " order by organization_id nulls first, created_at, name",
                Tuple.of(organizationIds.toArray(new UUID[0])), IdentityProviderRepository::provider);
    }

    /** How many other providers (not {@code excludedId}) of the same owner (system or organization) bear this name. */
    public Uni<Long> countNamed(UUID organizationId, String name, UUID excludedId) {
        String owner = organizationId == null ? "organization_id is null" : "organization_id = $3";
        Tuple args = organizationId == null ? Tuple.of(name, excludedId) : Tuple.of(name, excludedId, organizationId);
        return sql.one("select count(*) from oauth2_provider where " + owner + " and name = $1 and id <> $2", args,
                row -> row.getLong(0));
    }

    public Uni<IdentityProvider> insert(IdentityProvider p) {
        return sql.run("insert into oauth2_provider (" + COLUMNS + ")"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", values(p)).replaceWith(p);
    }

    /** Writes every column of {@code p} (by id). */
    public Uni<IdentityProvider> update(IdentityProvider p) {
        return sql.run("update oauth2_provider set organization_id = $2, name = $3, description = $4, type = $5,"
                + " issuer = $6, client_id = $7, client_secret = $8, created_by = $9, modified_by = $10,"
                + " created_at = $11, modified_at = $12 where id = $1", values(p)).replaceWith(p);
    }

    public Uni<Boolean> delete(UUID id) {
        return sql.changed("delete from oauth2_provider where id = $1", Tuple.of(id)).map(n -> n > 0);
    }

    /** Deletes an organization's providers (the organization was deleted); the number deleted. */
    public Uni<Integer> deleteOfOrganization(UUID organizationId) {
        return sql.changed("delete from oauth2_provider where organization_id = $1", Tuple.of(organizationId));
    }

    private static Tuple values(IdentityProvider p) {
        io.vertx.core.buffer.Buffer secret = Rows.bytea(p.clientSecret);
        return Tuple.from(new Object[]{p.id, p.organizationId, p.name, p.description, p.type, p.issuer, p.clientId,
                secret, p.createdBy, p.modifiedBy, Rows.utc(p.createdAt), Rows.utc(p.modifiedAt)});
    }

    static IdentityProvider provider(Row row) {
        IdentityProvider p = new IdentityProvider();
        p.id = row.getUUID("id");
        p.organizationId = row.getUUID("organization_id");
        p.name = row.getString("name");
        p.description = row.getString("description");
        p.type = row.getString("type");
        p.issuer = row.getString("issuer");
        p.clientId = row.getString("client_id");
        Buffer secret = row.getBuffer("client_secret");
        p.clientSecret = secret == null ? null : secret.getBytes();
        p.createdBy = row.getString("created_by");
        p.modifiedBy = row.getString("modified_by");
        p.createdAt = Rows.instant(row, "created_at");
        p.modifiedAt = Rows.instant(row, "modified_at");
        return p;
    }
}
