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
import com.cumulus.gateway.server.ClientRequest;
import com.cumulus.gateway.server.EdgeHandler;
import com.cumulus.gateway.upstream.Forwarder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The edge pipeline for every request of the gateway's server outside {@code /q/}: request id, CORS and
 * {@code OPTIONS}, routing, authentication (JWT, seed 003's raw token, seed 004's API key; public paths pass),
 * revocation, rate limits, then the streaming proxy to the owning service. Refusals are answered in the caller's
 * dialect. {@code /q/} is relayed to Quarkus' own HTTP server.
 */
@Singleton
public class ProxyRoutes implements EdgeHandler {

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

    @Override
    public void handle(ClientRequest request) {
        String path = request.path();
        String incomingId = request.header(RequestIds.HEADER);
        String requestId = incomingId != null && SAFE_REQUEST_ID.matcher(incomingId).matches()
                ? incomingId : newRequestId();
        request.requestId = requestId;
        if (path.startsWith("/q/")) {
            // health, metrics, the merged OpenAPI: Quarkus' own server, relayed without credentials or accounting
            request.measured = false;
            forwarder.forwardToManagement(request, Principal.anonymous(clientAddress.of(request),
                    request.header("Authorization")), requestId);
            return;
        }
        String method = request.method().name();
        cors.decorate(request);
        Optional<Upstream> resolved = RouteTable.resolve(method, path);
        if (resolved.isEmpty()) {
            Replies.reject(request, 404, "no such operation", requestId, null);
            return;
        }
        Upstream upstream = resolved.get();
        String group = limiter.group(path, upstream);
        request.routeGroup = group;
        if ("OPTIONS".equals(method)) {
            cors.answerOptions(request, requestId);
            return;
        }
        Future<Principal> authenticated = authenticate(request, method, path);
        if (authenticated.isComplete()) {
            // the usual case (a token verified before, a public path): no listener, no hop
            proceed(authenticated, request, path, upstream, group, requestId);
        } else {
            authenticated.onComplete(outcome -> {
                // a JWKS refetch or an API-key exchange finished elsewhere: back to the request's event loop
                if (request.eventLoop().inEventLoop()) {
                    proceed(outcome, request, path, upstream, group, requestId);
                } else {
                    request.eventLoop().execute(() -> proceed(outcome, request, path, upstream, group, requestId));
                }
            });
        }
    }

    @Override
    public void completed(ClientRequest request) {
        if (!request.measured) {
            return;
        }
        int status = request.status();
        long nanos = System.nanoTime() - request.startedNanos();
        metrics.record(request.routeGroup, status, nanos);
        if (accessLog) {
            ACCESS.info(accessLine(request.method().name(), request.path(), status, nanos, request.routeGroup,
                    request.principalKey, request.requestId));
        }
    }

    private void proceed(AsyncResult<Principal> outcome, ClientRequest request, String path, Upstream upstream,
                         String group, String requestId) {
        if (outcome.failed()) {
            refuse(request, outcome.cause(), requestId);
            return;
        }
        Principal principal = outcome.result();
        request.principalKey = principal.rateKey();
        try {
            limiter.check(principal, path, group);
        } catch (EdgeFailure failure) {
            refuse(request, failure, requestId);
            return;
        }
        forwarder.forward(upstream, request, principal, requestId);
    }

    private Future<Principal> authenticate(ClientRequest request, String method, String path) {
        String header = request.header("Authorization");
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

    private static void refuse(ClientRequest request, Throwable cause, String requestId) {
        if (cause instanceof EdgeFailure failure) {
            Replies.reject(request, failure.status(), failure.getMessage(), requestId, failure.retryAfterSeconds());
        } else {
            Logger.getLogger(ProxyRoutes.class).warn("edge failure", cause);
            Replies.reject(request, 500, "internal error", requestId, null);
        }
    }

    /** {@code GET /path 200 1.84ms route=<group> principal=<key> request_id=<id>}, without String.format. */
    static String accessLine(String method, String path, int status, long nanos, String group, String principal,
                             String requestId) {
        long micros = nanos / 1000;
        long fraction = (micros % 1000) / 10;
        return new StringBuilder(160).append(method).append(' ').append(path).append(' ').append(status).append(' ')
                .append(micros / 1000).append('.').append(fraction < 10 ? "0" : "").append(fraction).append("ms route=")
                .append(group).append(" principal=").append(principal).append(" request_id=").append(requestId)
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
