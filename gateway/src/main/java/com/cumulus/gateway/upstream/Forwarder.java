package com.cumulus.gateway.upstream;

import com.cumulus.common.events.RequestIds;
import com.cumulus.gateway.auth.Principal;
import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.edge.ClientAddress;
import com.cumulus.gateway.edge.Replies;
import com.cumulus.gateway.routing.Upstream;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams a request to its upstream and the answer back (bodies are piped, never buffered), with a connect timeout,
 * a response (idle) timeout and a circuit breaker per upstream. Failures become 502 (unreachable), 503 (circuit
 * open) or 504 (timed out) in the caller's dialect.
 */
@Singleton
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    /** Hop-by-hop headers (RFC 9110 7.6.1) and headers only the gateway may set: never forwarded from the client. */
    private static final Set<String> NOT_FORWARDED = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "authorization", "expect", "forwarded", "x-real-ip", "x-request-id");
    private static final Set<String> NOT_RETURNED = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "x-request-id");

    /** A set whose lookups ignore case without lower-casing (allocating) the header name per request. */
    private static Set<String> caseInsensitive(String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    /**
     * One upstream. With {@code perEventLoop}, each event loop gets its own client, so a request is proxied on
     * connections that live on the event loop it arrived on: no hop to another loop's thread per request and
     * per response chunk (a shared Vert.x client hands out whichever idle connection it has, created on any loop).
     */
    record Target(String name, String host, int port, HttpClientOptions options, Vertx vertx, boolean perEventLoop,
                  HttpClient shared, ThreadLocal<HttpClient> ownLoop, CircuitBreaker breaker) {

        HttpClient client() {
            if (perEventLoop && Context.isOnEventLoopThread()) {
                HttpClient client = ownLoop.get();
                if (client == null) {
                    client = vertx.createHttpClient(options);
                    ownLoop.set(client);
                }
                return client;
            }
            return shared;
        }
    }

    private final Map<Upstream, Target> targets = new EnumMap<>(Upstream.class);
    private final long responseTimeoutMillis;
    private final ClientAddress clientAddress;

    public Forwarder(GatewayConfig config, Vertx vertx, ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.responseTimeoutMillis = config.responseTimeout().toMillis();
        add(vertx, config, Upstream.IDENTITY, config.identityUrl());
        add(vertx, config, Upstream.TENANCY, config.tenancyUrl());
        add(vertx, config, Upstream.CATALOG, config.catalogUrl());
        add(vertx, config, Upstream.PROVISIONING, config.provisioningUrl());
    }

    private void add(Vertx vertx, GatewayConfig config, Upstream upstream, String baseUrl) {
        URI uri = URI.create(baseUrl);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.upstreamIdleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(config.maxConnectionsPerUpstream())
                .setKeepAlive(true);
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        options.setSsl("https".equals(uri.getScheme()));
        targets.put(upstream, new Target(upstream.name().toLowerCase(Locale.ROOT), uri.getHost(), port, options, vertx,
                config.upstreamClientPerEventLoop(), vertx.createHttpClient(options), new ThreadLocal<>(),
                new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                        config.circuitBreaker().openDuration().toNanos())));
    }

    public CircuitBreaker breaker(Upstream upstream) {
        return targets.get(upstream).breaker();
    }

    /** Sends the (paused) request upstream with the edge's headers and streams the answer back. */
    public void forward(Upstream upstream, HttpServerRequest request, Principal principal, String requestId) {
        Target target = targets.get(upstream);
        if (!target.breaker().allow()) {
            Replies.reject(request, 503, target.name() + " is temporarily unavailable", requestId,
                    target.breaker().retryAfterSeconds());
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setURI(request.uri())
                .setIdleTimeout(responseTimeoutMillis);
        target.client().request(options).onComplete(created -> {
            if (created.failed()) {
                failed(target, request, created.cause(), requestId);
                return;
            }
            // written straight into the request's own headers (RequestOptions' headers would be copied once more)
            upstreamHeaders(request, principal, requestId, clientAddress.forwardedFor(request),
                    clientAddress.of(request), created.result().headers());
            Future<HttpClientResponse> answer;
            if (hasBody(request)) {
                if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                    request.response().writeContinue();
                }
                answer = created.result().send(request);
            } else {
                // no body: one complete request upstream (no chunked encoding, no pipe); the paused request's end
                // event is consumed
                request.resume();
                answer = created.result().send();
            }
            answer.onComplete(answered -> {
                if (answered.failed()) {
                    failed(target, request, answered.cause(), requestId);
                    return;
                }
                target.breaker().success();
                relay(answered.result(), request.response(), requestId);
            });
        });
    }

    /**
     * Whether the request has a body to stream: HTTP/1.x request bodies are framed by {@code Content-Length} or
     * {@code Transfer-Encoding} only (RFC 9112 6.3); on HTTP/2 the frames tell, so the body is always piped.
     */
    static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return true;
        }
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !"0".equals(length.trim());
    }

    private static void relay(HttpClientResponse upstream, HttpServerResponse response, String requestId) {
        int status = upstream.statusCode();
        response.setStatusCode(status);
        String message = upstream.statusMessage();
        // a custom reason phrase only when it differs from the standard one (which Netty encodes pre-built)
        if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
            response.setStatusMessage(message);
        }
        MultiMap headers = response.headers();
        for (Map.Entry<String, String> header : upstream.headers()) {
            if (!NOT_RETURNED.contains(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set(RequestIds.HEADER, requestId);
        response.send(upstream).onFailure(e -> {
            if (!response.ended()) {
                response.reset();
            }
        });
    }

    private void failed(Target target, HttpServerRequest request, Throwable cause, String requestId) {
        target.breaker().failure();
        int status;
        String message;
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            status = 504;
            message = target.name() + " did not answer in time";
        } else {
            status = 502;
            message = target.name() + " is unreachable";
        }
        LOG.debugf("upstream %s failed: %s", target.name(), cause.toString());
        Replies.reject(request, status, message, requestId, null);
    }

    static void upstreamHeaders(HttpServerRequest request, Principal principal, String requestId,
                                String forwardedFor, String clientIp, MultiMap headers) {
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (NOT_FORWARDED.contains(name) || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                    || name.regionMatches(true, 0, "x-cumulus-", 0, 10)
                    || name.regionMatches(true, 0, "x-authenticated-", 0, 16)) {
                continue;
            }
            headers.add(header.getKey(), header.getValue());
        }
        if (principal.authorization() != null) {
            headers.set("Authorization", principal.authorization());
        }
        if (principal.authenticated()) {
            headers.set("X-Authenticated-Subject", principal.subject());
            headers.set("X-Authenticated-Principal-Type", principal.principalType());
        }
        headers.set(RequestIds.HEADER, requestId);
        if (forwardedFor != null) {
            headers.set("X-Forwarded-For", forwardedFor);
        }
        headers.set("X-Real-IP", clientIp);
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        String host = request.getHeader("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
    }
}
