package com.cumulus.gateway.ratelimit;

import com.cumulus.gateway.auth.EdgeFailure;
import com.cumulus.gateway.auth.Principal;
import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.routing.Upstream;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per principal and route group (configured path-prefix groups, else the owning service), per client
 * address for anonymous calls, and per catalog subscription for calls by a subscribed application's client ids.
 */
@Singleton
public class RateLimiter {

    private record Group(String prefix, String name, Limit limit) {
    }

    private final boolean enabled;
    private final Limit defaultLimit;
    private final Limit anonymousLimit;
    private final List<Group> groups = new ArrayList<>();
    private final SubscriptionLimits subscriptions;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config, SubscriptionLimits subscriptions, Vertx vertx) {
        GatewayConfig.RateLimit rates = config.rateLimit();
        this.enabled = rates.enabled();
        this.defaultLimit = new Limit(rates.requests(), rates.period());
        this.anonymousLimit = new Limit(rates.anonymousRequests(), rates.anonymousPeriod());
        this.subscriptions = subscriptions;
        for (Map.Entry<String, GatewayConfig.RateLimit.Group> entry : rates.groups().entrySet()) {
            Limit limit = new Limit(entry.getValue().requests(), entry.getValue().period());
            entry.getValue().pathPrefixes().forEach(prefix -> groups.add(new Group(prefix, entry.getKey(), limit)));
        }
        groups.sort(Comparator.comparingInt((Group g) -> g.prefix().length()).reversed());
        vertx.setPeriodic(60_000, id -> forgetIdle());
    }

    /** The route group a path belongs to. */
    public String group(String path, Upstream upstream) {
        for (Group group : groups) {
            if (path.startsWith(group.prefix())) {
                return group.name();
            }
        }
        return upstream.label();
    }

    /** Counts the call; throws a 429 {@link EdgeFailure} with the seconds to wait when a bucket is empty. */
    public void check(Principal principal, String path, String group) {
        if (!enabled) {
            return;
        }
        take(principal.rateKey() + "|" + group, principal.authenticated() ? limitOf(path) : anonymousLimit);
        for (Map.Entry<String, Limit> subscription : subscriptions.forClient(principal.clientId()).entrySet()) {
            Limit limit = subscription.getValue();
            // a changed plan limit starts a fresh bucket
            take("subscription:" + subscription.getKey() + ":" + limit.requests() + "/" + limit.period().toSeconds(),
                    limit);
        }
    }

    private Limit limitOf(String path) {
        for (Group group : groups) {
            if (path.startsWith(group.prefix())) {
                return group.limit();
            }
        }
        return defaultLimit;
    }

    private void take(String key, Limit limit) {
        long now = System.nanoTime();
        TokenBucket bucket = buckets.computeIfAbsent(key,
                k -> new TokenBucket(limit.requests(), limit.period().toNanos(), now));
        long waitNanos = bucket.take(now);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new EdgeFailure(429, "rate limit exceeded, retry in " + seconds + " s", seconds);
        }
    }

    private void forgetIdle() {
        long now = System.nanoTime();
        long idleSince = now - 600_000_000_000L;
        buckets.values().removeIf(bucket -> bucket.idle(now, idleSince));
    }
}
