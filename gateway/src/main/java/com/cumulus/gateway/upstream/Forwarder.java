package com.cumulus.gateway.upstream;

import com.cumulus.common.events.RequestIds;
import com.cumulus.gateway.auth.Principal;
import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.edge.ClientAddress;
import com.cumulus.gateway.edge.Replies;
import com.cumulus.gateway.routing.Upstream;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams a request to its upstream and the answer back (bodies are relayed as they come, never buffered), with a
 * connect timeout, a response (idle) timeout and a circuit breaker per upstream. Failures become 502 (unreachable),
 * 503 (circuit open) or 504 (timed out) in the caller's dialect.
 *
 * <p>The relay works at the Netty level: each event loop has its own keep-alive pool per upstream ({@link RelayPool}),
 * and a request is relayed on a connection of the loop it arrived on, with Netty's HTTP codec and no per-request
 * futures, pipes or timers ({@link Exchange}).
 */
@Singleton
public class Forwarder {

    /** Hop-by-hop headers (RFC 9110 7.6.1) and headers only the gateway may set: never forwarded from the client. */
    private static final Set<String> NOT_FORWARDED = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "authorization", "expect", "forwarded", "x-real-ip", "x-request-id");
    static final Set<String> NOT_RETURNED = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "x-request-id");

    /** A set whose lookups ignore case without lower-casing (allocating) the header name per request. */
    private static Set<String> caseInsensitive(String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    private final Map<Upstream, UpstreamTarget> targets = new EnumMap<>(Upstream.class);
    /** The pools of the event loop this thread runs, by upstream ordinal; created on the loop's first request. */
    private final ThreadLocal<RelayPool[]> loopPools = new ThreadLocal<>();
    private final VertxInternal vertx;
    private final SslContext tls;
    private final ClientAddress clientAddress;

    public Forwarder(GatewayConfig config, Vertx vertx, ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.vertx = (VertxInternal) vertx;
        add(config, Upstream.IDENTITY, config.identityUrl());
        add(config, Upstream.TENANCY, config.tenancyUrl());
        add(config, Upstream.CATALOG, config.catalogUrl());
        add(config, Upstream.PROVISIONING, config.provisioningUrl());
        this.tls = targets.values().stream().anyMatch(UpstreamTarget::tls) ? clientTls() : null;
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client context for the upstreams", e);
        }
    }

    private void add(GatewayConfig config, Upstream upstream, String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        boolean defaultPort = uri.getPort() <= 0;
        targets.put(upstream, new UpstreamTarget(upstream.label(), uri.getHost(), port, tls,
                defaultPort ? uri.getHost() : uri.getHost() + ":" + port,
                (int) config.connectTimeout().toMillis(), config.responseTimeout().toMillis(),
                config.upstreamIdleTimeout().toNanos(), config.maxConnectionsPerUpstream(),
                new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                        config.circuitBreaker().openDuration().toNanos())));
    }

    public CircuitBreaker breaker(Upstream upstream) {
        return targets.get(upstream).breaker();
    }

    /** Sends the (paused) request upstream with the edge's headers and streams the answer back. */
    public void forward(Upstream upstream, HttpServerRequest request, Principal principal, String requestId) {
        ContextInternal context = (ContextInternal) ((HttpServerRequestInternal) request).context();
        if (!context.nettyEventLoop().inEventLoop()) {
            // authentication finished elsewhere (a JWKS refetch, an API-key exchange): back to the request's loop
            context.runOnContext(v -> forward(upstream, request, principal, requestId));
            return;
        }
        UpstreamTarget target = targets.get(upstream);
        if (!target.breaker().allow()) {
            Replies.reject(request, 503, target.name() + " is temporarily unavailable", requestId,
                    target.breaker().retryAfterSeconds());
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders(false);
        upstreamHeaders(request, principal, requestId, clientAddress.forwardedFor(request), clientAddress.of(request),
                headers);
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        boolean body = hasBody(request);
        if (body && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            // absolute-form request target: upstreams get the origin form
            uri = request.query() == null ? request.path() : request.path() + "?" + request.query();
        }
        pool(context.nettyEventLoop(), upstream, target).acquire(new Exchange(target, request,
                HttpMethod.valueOf(request.method().name()), uri, headers, body, requestId));
    }

    private RelayPool pool(EventLoop loop, Upstream upstream, UpstreamTarget target) {
        RelayPool[] pools = loopPools.get();
        if (pools == null) {
            pools = new RelayPool[Upstream.values().length];
            loopPools.set(pools);
        }
        RelayPool pool = pools[upstream.ordinal()];
        if (pool == null) {
            pool = new RelayPool(target, loop, vertx, target.tls() ? tls : null);
            pools[upstream.ordinal()] = pool;
        }
        return pool;
    }

    /**
     * Whether the request has a body to stream: HTTP/1.x request bodies are framed by {@code Content-Length} or
     * {@code Transfer-Encoding} only (RFC 9112 6.3); on HTTP/2 the frames tell, so the body is always streamed.
     */
    public static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return true;
        }
        if (request.getHeader(io.vertx.core.http.HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
        return length != null && !"0".equals(length.trim());
    }

    static void reject(UpstreamTarget target, HttpServerRequest request, int status, String requestId) {
        String message = status == 504 ? target.name() + " did not answer in time" : target.name() + " is unreachable";
        Replies.reject(request, status, message, requestId, null);
    }

    static void upstreamHeaders(HttpServerRequest request, Principal principal, String requestId,
                                String forwardedFor, String clientIp, HttpHeaders headers) {
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (NOT_FORWARDED.contains(name) || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                    || name.regionMatches(true, 0, "x-cumulus-", 0, 10)
                    || name.regionMatches(true, 0, "x-authenticated-", 0, 16)) {
                continue;
            }
            headers.add(name, header.getValue());
        }
        if (principal.authorization() != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, principal.authorization());
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
