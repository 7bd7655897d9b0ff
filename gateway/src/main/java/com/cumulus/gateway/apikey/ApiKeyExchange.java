package com.cumulus.gateway.apikey;

import com.cumulus.gateway.auth.EdgeFailure;
import com.cumulus.gateway.auth.SigningKeys;
import com.cumulus.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a verified API key into an access token from identity's token endpoint ({@code client_credentials} with the
 * key id and secret), reused until shortly before it expires. Concurrent first calls share one exchange.
 */
@Singleton
public class ApiKeyExchange {

    private static final Logger LOG = Logger.getLogger(ApiKeyExchange.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Issued(String accessToken, long reuseUntilMillis) {
    }

    private final ConcurrentHashMap<String, Future<Issued>> tokens = new ConcurrentHashMap<>();
    private final com.cumulus.gateway.upstream.SideCalls http;
    private final SigningKeys issuer;
    private final long renewBeforeMillis;

    public ApiKeyExchange(com.cumulus.gateway.upstream.SideCalls http, SigningKeys issuer, GatewayConfig config,
                          ApiKeys keys) {
        this.http = http;
        this.issuer = issuer;
        this.renewBeforeMillis = config.auth().apiKeyTokenRenewBefore().toMillis();
        keys.onChange(this::forgetStale);
    }

    /** An access token for this (already verified) key. */
    public Future<String> accessToken(String keyId, String secret) {
        String cacheKey = keyId + ":" + HexFormat.of().formatHex(ApiKeys.sha256(secret));
        Future<Issued> cached = tokens.get(cacheKey);
        if (cached != null && (!cached.isComplete()
                || (cached.succeeded() && cached.result().reuseUntilMillis() > System.currentTimeMillis()))) {
            return cached.map(Issued::accessToken);
        }
        Future<Issued> fresh = exchange(keyId, secret);
        tokens.put(cacheKey, fresh);
        fresh.onFailure(e -> tokens.remove(cacheKey, fresh));
        return fresh.map(Issued::accessToken);
    }

    private Future<Issued> exchange(String keyId, String secret) {
        return issuer.tokenEndpoint()
                .compose(endpoint -> http.postForm(endpoint, Map.of(
                        "grant_type", "client_credentials",
                        "client_id", keyId,
                        "client_secret", secret), TIMEOUT)
                        .recover(e -> Future.failedFuture(new EdgeFailure(503, "identity is unavailable"))))
                .compose(reply -> {
                    if (reply.status() != 200) {
                        LOG.debugf("token endpoint refused API key %s: %d", keyId, reply.status());
                        return Future.failedFuture(reply.status() >= 500
                                ? new EdgeFailure(503, "identity is unavailable")
                                : EdgeFailure.unauthorized("API key refused by identity"));
                    }
                    JsonObject body = reply.json();
                    String token = body.getString("access_token");
                    if (token == null) {
                        return Future.failedFuture(new EdgeFailure(502, "identity answered without a token"));
                    }
                    long expiresIn = body.getLong("expires_in", 300L);
                    long reuseUntil = System.currentTimeMillis() + expiresIn * 1000 - renewBeforeMillis;
                    return Future.succeededFuture(new Issued(token, reuseUntil));
                });
    }

    /** Drops a key's exchanged tokens whenever identity announces a change of it. */
    private void forgetStale(String keyId) {
        String prefix = keyId + ":";
        tokens.keySet().removeIf(cacheKey -> cacheKey.startsWith(prefix));
    }
}
