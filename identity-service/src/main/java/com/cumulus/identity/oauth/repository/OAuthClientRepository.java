package com.cumulus.identity.oauth.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import com.cumulus.identity.oauth.domain.OAuthClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code oauth_client} rows, on the current transaction when there is one. */
@ApplicationScoped
public class OAuthClientRepository {

    private static final String COLUMNS = "client_id, name, kind, secret_hash, public_client, redirect_uris,"
            + " organization_id, state, external_id, created_at, id_token_signed_response_alg";

    private final Sql sql;

    public OAuthClientRepository(Sql sql) {
        this.sql = sql;
    }

    /** The client with this id, or null. */
    public Uni<OAuthClient> findById(String clientId) {
        return sql.one("select " + COLUMNS + " from oauth_client where client_id = $1", Tuple.of(clientId),
                OAuthClientRepository::client);
    }

    public Uni<OAuthClient> insert(OAuthClient c) {
        return sql.run("insert into oauth_client (" + COLUMNS + ")"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", values(c)).replaceWith(c);
    }

    /** Writes every column of {@code c} (by client id). */
    public Uni<OAuthClient> update(OAuthClient c) {
        return sql.run("update oauth_client set name = $2, kind = $3, secret_hash = $4, public_client = $5,"
                + " redirect_uris = $6, organization_id = $7, state = $8, external_id = $9, created_at = $10,"
                + " id_token_signed_response_alg = $11 where client_id = $1", values(c)).replaceWith(c);
    }

    /** Deletes the client if it is of this kind; the number of rows deleted. */
    public Uni<Integer> deleteOfKind(String clientId, String kind) {
        return sql.changed("delete from oauth_client where client_id = $1 and kind = $2", Tuple.of(clientId, kind));
    }

    private static Tuple values(OAuthClient c) {
        return Tuple.from(new Object[]{c.clientId, c.name, c.kind, c.secretHash, c.publicClient, c.redirectUris,
                c.organizationId, c.state, c.externalId, Rows.utc(c.createdAt), c.idTokenSignedResponseAlg});
    }

    static OAuthClient client(Row row) {
        OAuthClient c = new OAuthClient();
        c.clientId = row.getString("client_id");
        c.name = row.getString("name");
        c.kind = row.getString("kind");
        c.secretHash = row.getString("secret_hash");
        c.publicClient = row.getBoolean("public_client");
        c.redirectUris = row.getString("redirect_uris");
        c.organizationId = row.getUUID("organization_id");
        c.state = row.getString("state");
        c.externalId = row.getString("external_id");
        c.createdAt = Rows.instant(row, "created_at");
        c.idTokenSignedResponseAlg = row.getString("id_token_signed_response_alg");
        return c;
    }
}
