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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.Vertx;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.impl.VertxInternal;
import com.cumulus.gateway.server.ClientRequest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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

    /** The pool slot of Quarkus' own HTTP server, after the upstreams'. */
    private static final int MANAGEMENT_SLOT = Upstream.values().length;

    private final Map<Upstream, UpstreamTarget> targets = new EnumMap<>(Upstream.class);
    /** The pools of the event loop this thread runs, by upstream ordinal; created on the loop's first request. */
    private final ThreadLocal<RelayPool[]> loopPools = new ThreadLocal<>();
    private final VertxInternal vertx;
    private final SslContext tls;
    private final ClientAddress clientAddress;
    private final GatewayConfig config;
    /** Quarkus' own HTTP server ({@code /q/}), resolved on the first such request (after it is bound). */
    private volatile UpstreamTarget management;

    public Forwarder(GatewayConfig config, Vertx vertx, ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.config = config;
        this.vertx = (VertxInternal) vertx;
        add(Upstream.IDENTITY, config.identityUrl());
        add(Upstream.TENANCY, config.tenancyUrl());
        add(Upstream.CATALOG, config.catalogUrl());
        add(Upstream.PROVISIONING, config.provisioningUrl());
        this.tls = targets.values().stream().anyMatch(UpstreamTarget::tls) ? clientTls() : null;
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client context for the upstreams", e);
        }
    }

    private void add(Upstream upstream, String baseUrl) {
        targets.put(upstream, target(upstream.label(), baseUrl));
    }

    private UpstreamTarget target(String name, String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        boolean defaultPort = uri.getPort() <= 0;
        return new UpstreamTarget(name, uri.getHost(), port, tls,
                defaultPort ? uri.getHost() : uri.getHost() + ":" + port,
                (int) config.connectTimeout().toMillis(), config.responseTimeout().toMillis(),
                config.upstreamIdleTimeout().toNanos(), config.maxConnectionsPerUpstream(),
                new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                        config.circuitBreaker().openDuration().toNanos()));
    }

    public CircuitBreaker breaker(Upstream upstream) {
        return targets.get(upstream).breaker();
    }

    /** Sends the request upstream with the edge's headers and streams the answer back. */
    public void forward(Upstream upstream, ClientRequest request, Principal principal, String requestId) {
        relay(targets.get(upstream), upstream.ordinal(), request, principal, requestId);
    }

    /**
     * Relays a {@code /q/} request (health, metrics, the merged OpenAPI) to Quarkus' own HTTP server of this
     * process, so the public port keeps answering them.
     */
    public void forwardToManagement(ClientRequest request, Principal caller, String requestId) {
        UpstreamTarget target = management;
        if (target == null) {
            target = managementTarget();
            management = target;
        }
        relay(target, MANAGEMENT_SLOT, request, caller, requestId);
    }

    private void relay(UpstreamTarget target, int slot, ClientRequest request, Principal principal, String requestId) {
        EventLoop loop = request.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> relay(target, slot, request, principal, requestId));
            return;
        }
        if (!target.breaker().allow()) {
            Replies.reject(request, 503, target.name() + " is temporarily unavailable", requestId,
                    target.breaker().retryAfterSeconds());
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders(false);
        upstreamHeaders(request, principal, requestId, clientAddress.forwardedFor(request), clientAddress.of(request),
                headers);
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        boolean body = request.hasBody();
        if (body && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            // absolute-form request target: upstreams get the origin form
            uri = request.query() == null ? request.path() : request.path() + "?" + request.query();
        }
        pool(loop, slot, target).acquire(new Exchange(target, request, request.method(), uri, headers, body,
                requestId));
    }

    private RelayPool pool(EventLoop loop, int slot, UpstreamTarget target) {
        RelayPool[] pools = loopPools.get();
        if (pools == null) {
            pools = new RelayPool[MANAGEMENT_SLOT + 1];
            loopPools.set(pools);
        }
        RelayPool pool = pools[slot];
        if (pool == null) {
            pool = new RelayPool(target, loop, vertx, target.tls() ? tls : null);
            pools[slot] = pool;
        }
        return pool;
    }

    /** Quarkus' HTTP server of this process: its configured (or, for port 0, actually bound) port. */
    private UpstreamTarget managementTarget() {
        Config config = ConfigProvider.getConfig();
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(portKey, config.getOptionalValue(portKey, String.class)
                .orElse(LaunchMode.current() == LaunchMode.TEST ? "8081" : "8080"));
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
        if ("0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host)) {
            host = "localhost";
        }
        return target("gateway", "http://" + host + ":" + port);
    }

    static void reject(UpstreamTarget target, ClientRequest request, int status, String requestId) {
        String message = status == 504 ? target.name() + " did not answer in time" : target.name() + " is unreachable";
        Replies.reject(request, status, message, requestId, null);
    }

    static void upstreamHeaders(ClientRequest request, Principal principal, String requestId,
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
        headers.set("X-Forwarded-Proto", request.scheme());
        String host = request.header("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
    }
}
