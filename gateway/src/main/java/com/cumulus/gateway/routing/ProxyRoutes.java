package com.cumulus.gateway.routing;

import com.cumulus.common.events.RequestIds;
import com.cumulus.gateway.apikey.ApiKeyExchange;
import com.cumulus.gateway.apikey.ApiKeys;
import com.cumulus.gateway.auth.EdgeFailure;
import com.cumulus.gateway.auth.Principal;
import com.cumulus.gateway.auth.PublicPaths;
import com.cumulus.gateway.auth.TokenVerifier;
import com.cumulus.gateway.auth.VerifiedToken;
import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.edge.ClientAddress;
import com.cumulus.gateway.edge.Cors;
import com.cumulus.gateway.edge.EdgeMetrics;
import com.cumulus.gateway.edge.Replies;
import com.cumulus.gateway.ratelimit.RateLimiter;
import com.cumulus.gateway.revocation.RevokedTokens;
import com.cumulus.gateway.upstream.Forwarder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The edge pipeline for every request outside {@code /q/}: request id, CORS and {@code OPTIONS}, routing,
 * authentication (JWT, seed 003's raw token, seed 004's API key; public paths pass), revocation, rate limits, then
 * the streaming proxy to the owning service. Refusals are answered in the caller's dialect.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger ACCESS = Logger.getLogger("cumulus.gateway.access");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final TokenVerifier verifier;
    private final RevokedTokens revoked;
    private final ApiKeys apiKeys;
    private final ApiKeyExchange exchange;
    private final RateLimiter limiter;
    private final Forwarder forwarder;
    private final Cors cors;
    private final ClientAddress clientAddress;
    private final EdgeMetrics metrics;
    private final boolean accessLog;

    public ProxyRoutes(TokenVerifier verifier, RevokedTokens revoked, ApiKeys apiKeys, ApiKeyExchange exchange,
                       RateLimiter limiter, Forwarder forwarder, Cors cors, ClientAddress clientAddress,
                       EdgeMetrics metrics, GatewayConfig config) {
        this.verifier = verifier;
        this.revoked = revoked;
        this.apiKeys = apiKeys;
        this.exchange = exchange;
        this.limiter = limiter;
        this.forwarder = forwarder;
        this.cors = cors;
        this.clientAddress = clientAddress;
        this.metrics = metrics;
        this.accessLog = config.accessLog();
    }

    void register(@Observes Router router) {
        router.route().order(10).handler(this::route);
    }

    private void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path.startsWith("/q/")) {
            context.next();
            return;
        }
        long started = System.nanoTime();
        String method = request.method().name();
        String incomingId = request.getHeader(RequestIds.HEADER);
        String requestId = incomingId != null && SAFE_REQUEST_ID.matcher(incomingId).matches()
                ? incomingId : newRequestId();
        String[] logged = {"-", "anonymous"};
        request.response().endHandler(v -> {
            int status = request.response().getStatusCode();
            long nanos = System.nanoTime() - started;
            metrics.record(logged[0], status, nanos);
            if (accessLog) {
                ACCESS.info(accessLine(method, path, status, nanos, logged, requestId));
            }
        });
        cors.decorate(request, request.response());
        Optional<Upstream> resolved = RouteTable.resolve(method, path);
        if (resolved.isEmpty()) {
            Replies.reject(request, 404, "no such operation", requestId, null);
            return;
        }
        Upstream upstream = resolved.get();
        String group = limiter.group(path, upstream);
        logged[0] = group;
        if ("OPTIONS".equals(method)) {
            cors.answerOptions(request, requestId);
            return;
        }
        if (Forwarder.hasBody(request)) {
            // the body waits until the upstream connection is there (a bodyless request's end event is just consumed)
            request.pause();
        }
        Future<Principal> authenticated = authenticate(request, method, path);
        if (authenticated.isComplete()) {
            // the usual case (a token verified before, a public path): no listener, no hop
            proceed(authenticated, request, path, upstream, group, requestId, logged);
        } else {
            authenticated.onComplete(outcome -> proceed(outcome, request, path, upstream, group, requestId, logged));
        }
    }

    private void proceed(AsyncResult<Principal> outcome, HttpServerRequest request, String path, Upstream upstream,
                         String group, String requestId, String[] logged) {
        if (outcome.failed()) {
            refuse(request, outcome.cause(), requestId);
            return;
        }
        Principal principal = outcome.result();
        logged[1] = principal.rateKey();
        try {
            limiter.check(principal, path, group);
        } catch (EdgeFailure failure) {
            refuse(request, failure, requestId);
            return;
        }
        forwarder.forward(upstream, request, principal, requestId);
    }

    private Future<Principal> authenticate(HttpServerRequest request, String method, String path) {
        String header = request.getHeader("Authorization");
        String value = header == null ? "" : header.trim();
        int space = value.indexOf(' ');
        if (PublicPaths.isPublic(method, path)) {
            String passOn = value.isEmpty() ? null : (space < 0 ? "Bearer " + value : value);
            return Future.succeededFuture(Principal.anonymous(clientAddress.of(request), passOn));
        }
        if (value.isEmpty()) {
            return Future.failedFuture(EdgeFailure.unauthorized("authentication required"));
        }
        String scheme = space < 0 ? "" : value.substring(0, space);
        String credentials = space < 0 ? value : value.substring(space + 1).trim();
        if (space < 0 || "Bearer".equalsIgnoreCase(scheme)) {
            // the header is sent upstream as it came when it already is "Bearer <jwt>" (no copy per request)
            boolean canonical = space == 6 && value.startsWith("Bearer ") && value.length() == 7 + credentials.length();
            return bearer(credentials, canonical ? value : "Bearer " + credentials);
        }
        if ("Basic".equalsIgnoreCase(scheme)) {
            return apiKey(credentials);
        }
        return Future.failedFuture(EdgeFailure.unauthorized("unsupported authorization scheme"));
    }

    private Future<Principal> bearer(String jwt, String authorization) {
        Future<VerifiedToken> verified = verifier.verify(jwt);
        if (verified.isComplete()) {
            // a token verified before: no composition per request
            return verified.succeeded() ? principalOf(verified.result(), authorization)
                    : Future.failedFuture(verified.cause());
        }
        return verified.compose(token -> principalOf(token, authorization));
    }

    private Future<Principal> principalOf(VerifiedToken token, String authorization) {
        return revoked.isRevoked(token)
                ? Future.failedFuture(EdgeFailure.unauthorized("access token revoked"))
                : Future.succeededFuture(new Principal(token.subject(), token.principalType(), token.clientId(),
                token.sessionId(), token.tokenId(), authorization, true));
    }

    private Future<Principal> apiKey(String basic) {
        String keyId;
        String secret;
        try {
            String decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Future.failedFuture(EdgeFailure.unauthorized("malformed API key credentials"));
            }
            keyId = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
            apiKeys.check(keyId, secret);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(EdgeFailure.unauthorized("malformed API key credentials"));
        } catch (EdgeFailure failure) {
            return Future.failedFuture(failure);
        }
        return exchange.accessToken(keyId, secret).map(token ->
                new Principal(keyId, "api_key", keyId, null, null, "Bearer " + token, true));
    }

    private static void refuse(HttpServerRequest request, Throwable cause, String requestId) {
        if (cause instanceof EdgeFailure failure) {
            Replies.reject(request, failure.status(), failure.getMessage(), requestId, failure.retryAfterSeconds());
        } else {
            Logger.getLogger(ProxyRoutes.class).warn("edge failure", cause);
            Replies.reject(request, 500, "internal error", requestId, null);
        }
    }

    /** {@code GET /path 200 1.84ms route=<group> principal=<key> request_id=<id>}, without String.format. */
    static String accessLine(String method, String path, int status, long nanos, String[] logged, String requestId) {
        long micros = nanos / 1000;
        long fraction = (micros % 1000) / 10;
        return new StringBuilder(160).append(method).append(' ').append(path).append(' ').append(status).append(' ')
                .append(micros / 1000).append('.').append(fraction < 10 ? "0" : "").append(fraction).append("ms route=")
                .append(logged[0]).append(" principal=").append(logged[1]).append(" request_id=").append(requestId)
                .toString();
    }

    /** A random (version 4) UUID without the shared SecureRandom of {@link UUID#randomUUID()}: ids, not secrets. */
    static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
