package com.cumulus.identity.account.repository;

import com.cumulus.common.events.OutboxRows;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.membership.MembershipStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A password login's database work as the fewest prepared statements on the reactive pool:
 * <ol>
 * <li>{@link #load}: one read of the lock on the account and source throttle keys and of the user (password hash,
 * role, memberships for the {@code orgs} claim);</li>
 * <li>after the hash, either {@link #failed}: one statement counting the failure on both keys and locking a key
 * past its allowance (base lockout doubling per further failure, capped; failures decay after the cap), or
 * {@link #succeeded}: one statement, hence one transaction, that clears the account key, starts the session
 * (guarded: only while the user still exists), records the access token's jti and inserts the session's outbox
 * event.</li>
 * </ol>
 * The session's logged-in event wakes no relay: the statement turns the outbox trigger's NOTIFY off for its transaction
 * ({@code cumulus.outbox_notify}, migration V4) and nothing starts a cycle after the commit, so the event leaves with
 * the publishing instance's next cycle (its periodic poll, {@code cumulus.outbox.relay.poll-interval}, or any other
 * commit's). It is an audit record no consumer acts on at once, and at Keycloak's hash cost a login is a few short
 * turns around ~25 ms of hashing: a relay cycle per login or per 100 ms (its statement, the hand-off to Kafka's
 * sending thread, the acknowledgement) was about a quarter of the work outside the hash (docs/identity-service.md,
 * session 12). Events that others act on (revocations, keys, users) still wake the relay at their commit.
 */
@ApplicationScoped
public class LoginStore {

    /** What a login decides on; {@code user == null} when no account has the email. */
    public record State(long lockedSeconds, User user) {
        public boolean locked() {
            return lockedSeconds > 0;
        }
    }

    public record User(UUID id, String email, String passwordHash, String role, boolean platformAdmin,
                       Map<String, List<String>> orgs) {
    }

    /** A new session with its first access token and the outbox row of its logged-in event. */
    public record Start(String accountKey, UUID sessionId, UUID userId, String clientId, String cookieHash,
                        Instant authTime, Instant expiresAt, UUID jti, Instant tokenExpiresAt, OutboxRows.Row event) {
    }

    private static final String LOAD = "select (select cast(ceil(extract(epoch from max(t.locked_until) - now())) as bigint)"
            + " from login_throttle t where t.throttle_key in ($1, $2) and t.locked_until > now()) as locked_seconds,"
            + " u.id, u.email, u.password_hash, u.role, u.platform_admin,"
            + " " + MembershipStore.ORGS_JSON + " as orgs"
            + " from (select 1) as one left join app_user u on u.email = $3";

    /**
     * One key's failure ({@code key}, {@code allowed} failures before locking; $3 the maximum lockout in seconds,
     * which is also the decay time, $4 the base lockout): the same rules for both keys of {@link #FAILED}.
     */
    private static String bump(String key, String allowed) {
        String failures = "(case when login_throttle.updated_at < now() - make_interval(secs => $3)"
                + " then 1 else login_throttle.failures + 1 end)";
        return "insert into login_throttle (throttle_key, failures, locked_until, updated_at) values (" + key + ", 1,"
                + " case when 1 >= " + allowed + " then now() + make_interval(secs =>"
                + " least($3, $4 * power(2, 1 - " + allowed + "))) end, now())"
                + " on conflict (throttle_key) do update set failures = " + failures + ", updated_at = now(),"
                + " locked_until = case when " + failures + " >= " + allowed
                + " then now() + make_interval(secs => least($3, $4 * power(2, " + failures + " - " + allowed + ")))"
                + " else login_throttle.locked_until end";
    }

    private static final String FAILED = "with account as (" + bump("$1", "cast($5 as integer)") + "),"
            + " source as (" + bump("$2", "cast($6 as integer)") + ") select 1";

    private static final String SUCCEEDED = "with reset as (delete from login_throttle where throttle_key = $1),"
            + " session as (insert into user_session (id, user_id, client_id, cookie_hash, auth_time, created_at,"
            + " expires_at) select cast($2 as uuid), u.id, cast($4 as varchar), cast($5 as varchar),"
            + " cast($6 as timestamptz), cast($6 as timestamptz), cast($7 as timestamptz) from app_user u"
            + " where u.id = $3 returning id),"
            + " token as (insert into issued_token (jti, session_id, expires_at)"
            + " select cast($8 as uuid), id, cast($9 as timestamptz) from session),"
            + " event as (insert into outbox_event (event_id, topic, aggregate_id, event_type, payload)"
            + " select cast($10 as uuid), $11, $12, $13, $14 from session),"
            + " notify as (select set_config('cumulus.outbox_notify', 'off', true))"
            + " select count(*) from session, notify";

    private static final String RESET = "delete from login_throttle where throttle_key = $1";

    private final Pool pool;
    private final IdentityConfig.Throttle throttle;

    public LoginStore(Pool pool, IdentityConfig config) {
        this.pool = pool;
        this.throttle = config.throttle();
    }

    public Uni<State> load(String accountKey, String sourceKey, String email) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(accountKey, sourceKey, email))
                .map(rows -> state(rows.iterator().next()));
    }

    public Uni<Void> failed(String accountKey, String sourceKey) {
        return pool.preparedQuery(FAILED).execute(Tuple.from(new Object[]{accountKey, sourceKey,
                        (double) throttle.maxLockout().toSeconds(), (double) throttle.baseLockout().toSeconds(),
                        throttle.accountFailures(), throttle.sourceFailures()}))
                .replaceWithVoid();
    }

    /** Clears the account key after a successful login that starts no session here. */
    public Uni<Void> reset(String accountKey) {
        return pool.preparedQuery(RESET).execute(Tuple.of(accountKey)).replaceWithVoid();
    }

    /** Writes the session; false when the user was deleted since {@link #load} (then nothing but the reset ran). */
    public Uni<Boolean> succeeded(Start s) {
        OutboxRows.Row e = s.event();
        return pool.preparedQuery(SUCCEEDED).execute(Tuple.from(new Object[]{s.accountKey(), s.sessionId(), s.userId(),
                        s.clientId(), s.cookieHash(), Rows.utc(s.authTime()), Rows.utc(s.expiresAt()), s.jti(),
                        Rows.utc(s.tokenExpiresAt()), e.event().id(), e.topic(), e.aggregateId(), e.type(),
                        e.payload()}))
                .map(rows -> rows.iterator().next().getLong(0) == 1L);
    }

    private static State state(Row row) {
        Long locked = row.getLong("locked_seconds");
        User user = row.getUUID("id") == null ? null : new User(row.getUUID("id"), row.getString("email"),
                row.getString("password_hash"), row.getString("role"),
                Boolean.TRUE.equals(row.getBoolean("platform_admin")), MembershipStore.fromJson(row.getValue("orgs")));
        return new State(locked == null ? 0 : locked, user);
    }
}
