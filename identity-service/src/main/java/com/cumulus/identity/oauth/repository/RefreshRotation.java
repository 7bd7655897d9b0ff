package com.cumulus.identity.oauth.repository;

import com.cumulus.identity.db.Rows;
import com.cumulus.identity.membership.MembershipStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code refresh_token} grant's database work as two prepared statements (one round trip each):
 * <ol>
 * <li>{@link #load}: one read of everything the grant decides on: the presenting client, the refresh token, its
 * session, the session's user and the user's memberships (the {@code orgs} claim);</li>
 * <li>{@link #rotate}: one statement, hence one transaction, that marks the presented token used, records the new
 * access token's jti and stores the new refresh token, guarded by {@code used_at is null}: when another request used
 * (or a revocation closed) the token in between, nothing is written and the caller treats the token as reused.</li>
 * </ol>
 * Reuse of an old token (which revokes the whole session and publishes {@code session.revoked}) stays with
 * {@code SessionService}: it is rare and shares its code with logout and the other revocations.
 */
@ApplicationScoped
public class RefreshRotation {

    /** The presenting client (null fields when the id is no registered OAuth client). */
    public record Client(String clientId, String secretHash, boolean publicClient, String state,
                         String idTokenSignedResponseAlg) {
        public boolean enabled() {
            return "enabled".equals(state);
        }
    }

    /** The presented refresh token, its session and user; {@code token == null} when unknown. */
    public record State(Client client, Token token, Session session, User user) {
    }

    public record Token(String tokenHash, String clientId, UUID sessionId, String scope, Instant expiresAt,
                        Instant usedAt) {
    }

    public record Session(UUID id, UUID userId, Instant authTime, Instant expiresAt, Instant revokedAt) {
        public boolean live() {
            return revokedAt == null && expiresAt.isAfter(Instant.now());
        }
    }

    public record User(UUID id, String email, String firstName, String lastName, boolean platformAdmin,
                       Map<String, List<String>> orgs) {
    }

    private static final String LOAD = "select c.client_id, c.secret_hash, c.public_client, c.state,"
            + " c.id_token_signed_response_alg,"
            + " rt.token_hash, rt.client_id as rt_client_id, rt.session_id, rt.scope, rt.expires_at as rt_expires_at,"
            + " rt.used_at, s.id as s_id, s.user_id, s.auth_time, s.expires_at as s_expires_at, s.revoked_at,"
            + " u.id as u_id, u.email, u.first_name, u.last_name, u.platform_admin,"
            + " " + MembershipStore.ORGS_JSON + " as orgs"
            + " from (select 1) as one"
            + " left join oauth_client c on c.client_id = $1"
            + " left join refresh_token rt on rt.token_hash = $2"
            + " left join user_session s on s.id = rt.session_id"
            + " left join app_user u on u.id = s.user_id";

    private static final String ROTATE = "with used as ("
            + " update refresh_token set used_at = cast($2 as timestamptz) where token_hash = $1 and used_at is null"
            + " returning session_id),"
            + " issued as (insert into issued_token (jti, session_id, expires_at)"
            + " select cast($3 as uuid), session_id, cast($4 as timestamptz) from used),"
            + " fresh as (insert into refresh_token (token_hash, session_id, client_id, scope, nonce, created_at,"
            + " expires_at, used_at) select cast($5 as varchar), session_id, cast($6 as varchar), cast($7 as varchar),"
            + " null, cast($2 as timestamptz), cast($8 as timestamptz), null from used)"
            + " select count(*) from used";

    private static final String MARK_USED = "update refresh_token set used_at = $2 where token_hash = $1 and used_at is null";

    private final Pool pool;

    public RefreshRotation(Pool pool) {
        this.pool = pool;
    }

    public Uni<State> load(String clientId, String tokenHash) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(clientId, tokenHash))
                .map(rows -> state(rows.iterator().next()));
    }

    /** A rotation of the access and refresh token; the new refresh token inherits the session and scope. */
    public record Rotation(String oldTokenHash, Instant now, UUID jti, Instant accessExpiresAt, String newTokenHash,
                           String clientId, String scope, Instant refreshExpiresAt) {
    }

    /** Rotates; false when the presented token was used in the meantime (then nothing was written). */
    public Uni<Boolean> rotate(Rotation r) {
        return pool.preparedQuery(ROTATE).execute(Tuple.from(new Object[]{r.oldTokenHash(), Rows.utc(r.now()),
                        r.jti(), Rows.utc(r.accessExpiresAt()), r.newTokenHash(), r.clientId(), r.scope(),
                        Rows.utc(r.refreshExpiresAt())}))
                .map(rows -> rows.iterator().next().getLong(0) == 1L);
    }

    /** Marks the token used without issuing anything (its session has ended). */
    public Uni<Void> markUsed(String tokenHash, Instant now) {
        return pool.preparedQuery(MARK_USED).execute(Tuple.of(tokenHash, Rows.utc(now))).replaceWithVoid();
    }

    private static State state(Row row) {
        Client client = row.getString("client_id") == null ? null : new Client(row.getString("client_id"),
                row.getString("secret_hash"), Boolean.TRUE.equals(row.getBoolean("public_client")),
                row.getString("state"), row.getString("id_token_signed_response_alg"));
        Token token = row.getString("token_hash") == null ? null : new Token(row.getString("token_hash"),
                row.getString("rt_client_id"), row.getUUID("session_id"), row.getString("scope"),
                instant(row, "rt_expires_at"), instant(row, "used_at"));
        Session session = row.getUUID("s_id") == null ? null : new Session(row.getUUID("s_id"), row.getUUID("user_id"),
                instant(row, "auth_time"), instant(row, "s_expires_at"), instant(row, "revoked_at"));
        User user = row.getUUID("u_id") == null ? null : new User(row.getUUID("u_id"), row.getString("email"),
                row.getString("first_name"), row.getString("last_name"),
                Boolean.TRUE.equals(row.getBoolean("platform_admin")), MembershipStore.fromJson(row.getValue("orgs")));
        return new State(client, token, session, user);
    }

    private static Instant instant(Row row, String column) {
        Object value = row.getValue(column);
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return null;
    }
}
