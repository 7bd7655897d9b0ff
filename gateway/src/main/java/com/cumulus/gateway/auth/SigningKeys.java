package com.cumulus.gateway.auth;

import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.upstream.SideCalls;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * identity's signing keys, from its discovery document and JWKS. Refreshed periodically, and fetched again (at most
 * once per {@code jwks-min-refetch-interval}) when a token names a key id not seen yet, so a key rotation needs no
 * restart.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final GatewayConfig.Auth config;
    private final SideCalls http;
    private final Vertx vertx;
    /**
     * The longest a refresh (discovery, then the JWKS) may take as a whole, twice {@code jwks-fetch-timeout} plus one
     * second: past it, the requests waiting on it go on with the keys known (an unknown key id is then refused) and the
     * next refresh starts afresh.
     */
    private final Duration refreshDeadline;
    private final AtomicReference<Future<Void>> inFlight = new AtomicReference<>();
    private volatile Map<String, PublicJsonWebKey> keys = Map.of();
    private volatile String tokenEndpoint;
    private volatile long lastFetchNanos;
    private volatile Runnable onKeysRemoved = () -> { };

    public SigningKeys(GatewayConfig config, SideCalls http, Vertx vertx) {
        this.config = config.auth();
        this.http = http;
        this.vertx = vertx;
        this.refreshDeadline = this.config.jwksFetchTimeout().multipliedBy(2).plusSeconds(1);
    }

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.jwksRefresh().toMillis(), id -> refresh());
    }

    /** Called after a refresh dropped key ids (tokens verified with them must be checked again). */
    void onKeysRemoved(Runnable listener) {
        this.onKeysRemoved = listener;
    }

    /** How many signing keys are known. */
    public int count() {
        return keys.size();
    }

    /** The key currently known under this id, or null. */
    public PublicJsonWebKey known(String kid) {
        return kid == null ? null : keys.get(kid);
    }

    /** The key with this id, refetching the JWKS when it is unknown and the last fetch is old enough. */
    public Future<PublicJsonWebKey> resolve(String kid) {
        PublicJsonWebKey key = known(kid);
        if (key != null || kid == null) {
            return Future.succeededFuture(key);
        }
        Future<Void> running = inFlight.get();
        if (running == null) {
            long since = System.nanoTime() - lastFetchNanos;
            if (since < config.jwksMinRefetchInterval().toNanos()) {
                return Future.succeededFuture(null);
            }
            running = refresh();
        }
        return running.transform(ignored -> Future.succeededFuture(known(kid)));
    }

    /** identity's token endpoint (for API-key exchange), from configuration or discovery. */
    public Future<String> tokenEndpoint() {
        if (config.tokenEndpoint().isPresent()) {
            return Future.succeededFuture(config.tokenEndpoint().get());
        }
        if (tokenEndpoint != null) {
            return Future.succeededFuture(tokenEndpoint);
        }
        return refresh().transform(ignored -> tokenEndpoint != null
                ? Future.succeededFuture(tokenEndpoint)
                : Future.failedFuture(new EdgeFailure(503, "identity is unavailable")));
    }

    /** Until the first keys arrive (identity may start after the gateway), retry soon rather than at the next period. */
    private void retryWhileEmpty() {
        if (count() == 0) {
            vertx.setTimer(config.jwksMinRefetchInterval().toMillis(), id -> refresh());
        }
    }

    /** Fetches discovery and the JWKS; concurrent callers share one fetch, which ends by {@code refreshDeadline}. */
    public Future<Void> refresh() {
        Promise<Void> promise = Promise.promise();
        Future<Void> mine = promise.future();
        Future<Void> existing = inFlight.compareAndExchange(null, mine);
        if (existing != null) {
            return existing;
        }
        lastFetchNanos = System.nanoTime();
        long deadline = vertx.setTimer(refreshDeadline.toMillis(), id -> {
            LOG.warnf("signing keys not refreshed: no answer within %s", refreshDeadline);
            finish(mine, promise);
        });
        String discovery = config.discoveryUrl().orElse(trimSlash(config.issuer()) + "/.well-known/openid-configuration");
        http.getJson(discovery, config.jwksFetchTimeout())
                .compose(doc -> {
                    String advertisedTokenEndpoint = doc.getString("token_endpoint");
                    if (advertisedTokenEndpoint != null) {
                        tokenEndpoint = advertisedTokenEndpoint;
                    }
                    String jwksUri = config.jwksUrl().orElse(doc.getString("jwks_uri"));
                    if (jwksUri == null) {
                        return Future.failedFuture(new IllegalStateException("discovery has no jwks_uri"));
                    }
                    return http.getJson(jwksUri, config.jwksFetchTimeout());
                })
                .onComplete(outcome -> {
                    vertx.cancelTimer(deadline);
                    try {
                        if (outcome.succeeded()) {
                            install(outcome.result());
                        } else {
                            LOG.warnf("signing keys not refreshed: %s", outcome.cause().getMessage());
                            retryWhileEmpty();
                        }
                    } finally {
                        finish(mine, promise);
                    }
                });
        return mine;
    }

    /** Ends a refresh: later callers start a new one, and those waiting on this one go on with the keys known. */
    private void finish(Future<Void> refresh, Promise<Void> promise) {
        inFlight.compareAndSet(refresh, null);
        promise.tryComplete();
    }

    private void install(JsonObject jwks) {
        Map<String, PublicJsonWebKey> fresh = new HashMap<>();
        try {
            for (JsonWebKey jwk : new JsonWebKeySet(jwks.encode()).getJsonWebKeys()) {
                boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
                if (signing && jwk.getKeyId() != null && jwk instanceof PublicJsonWebKey publicKey) {
                    fresh.put(jwk.getKeyId(), publicKey);
                }
            }
        } catch (JoseException e) {
            LOG.warnf("JWKS not usable: %s", e.getMessage());
            return;
        }
        Set<String> before = keys.keySet();
        keys = Map.copyOf(fresh);
        if (!fresh.keySet().containsAll(before)) {
            onKeysRemoved.run();
        }
        LOG.debugf("signing keys: %s", fresh.keySet());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
