package com.cumulus.identity.account.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.config.IdentityConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed-login throttling per account (keyed by the submitted email, whether or not it exists, so the answer never
 * reveals existence) and per source address. After the allowed failures each further failure locks the key for
 * base-lockout doubling up to max-lockout; a locked key answers 429 with Retry-After. Failures decay after max-lockout.
 */
@ApplicationScoped
public class LoginThrottle {

    private final IdentityConfig.Throttle config;

    public LoginThrottle(IdentityConfig config) {
        this.config = config.throttle();
    }

    public static String accountKey(String email) {
        return "account:" + email;
    }

    public static String sourceKey(String source) {
        return "source:" + (source == null ? "unknown" : source);
    }

    /** Fails with 429 when either key is locked. Must run inside a session. */
    public Uni<Void> check(String accountKey, String sourceKey) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(ceil(extract(epoch from max(locked_until) - now())) as bigint) from login_throttle"
                                + " where throttle_key in (:a, :b) and locked_until > now()", Long.class)
                .setParameter("a", accountKey)
                .setParameter("b", sourceKey)
                .getSingleResultOrNull())
                .invoke(wait -> {
                    if (wait != null && wait > 0) {
                        throw ApiException.tooManyRequests(wait);
                    }
                }).replaceWithVoid();
    }

    public Uni<Void> failed(String accountKey, String sourceKey) {
        return bump(accountKey, config.accountFailures()).chain(() -> bump(sourceKey, config.sourceFailures()));
    }

    public Uni<Void> succeeded(String accountKey) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from login_throttle where throttle_key = :k")
                .setParameter("k", accountKey).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> bump(String key, int allowed) {
        long decay = config.maxLockout().toSeconds();
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into login_throttle (throttle_key, failures, locked_until, updated_at)"
                                + " values (:k, 1, null, now()) on conflict (throttle_key) do update set"
                                + " failures = case when login_throttle.updated_at < now() - make_interval(secs => :decay)"
                                + " then 1 else login_throttle.failures + 1 end, updated_at = now()")
                        .setParameter("k", key)
                        .setParameter("decay", (double) decay)
                        .executeUpdate()
                .chain(() -> s.createNativeQuery("update login_throttle set locked_until = now() + make_interval(secs =>"
                                + " least(:max, :base * power(2, failures - :allowed))) where throttle_key = :k"
                                + " and failures >= :allowed")
                        .setParameter("k", key)
                        .setParameter("max", (double) config.maxLockout().toSeconds())
                        .setParameter("base", (double) config.baseLockout().toSeconds())
                        .setParameter("allowed", allowed)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
