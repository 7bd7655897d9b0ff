package com.cumulus.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every gateway setting; docs/gateway.md lists them with their defaults. */
@ConfigMapping(prefix = "cumulus.gateway")
public interface GatewayConfig {

    /** Base URL of identity-service. */
    @WithDefault("http://localhost:8081")
    String identityUrl();

    /** Base URL of tenancy-service. */
    @WithDefault("http://localhost:8082")
    String tenancyUrl();

    /** Base URL of catalog-service. */
    @WithDefault("http://localhost:8083")
    String catalogUrl();

    /** Base URL of provisioning-service. */
    @WithDefault("http://localhost:8084")
    String provisioningUrl();

    /** Connect timeout towards an upstream. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Idle timeout of a pooled upstream connection (no bytes either way). */
    @WithDefault("30s")
    Duration upstreamIdleTimeout();

    /** How long a proxied request may wait for the upstream's next bytes (response head or body) before 504. */
    @WithDefault("30s")
    Duration responseTimeout();

    /** Pooled connections per upstream and event loop (requests beyond wait for a connection to be released). */
    @WithDefault("256")
    int maxConnectionsPerUpstream();

    /** The public port's own HTTP/1.1 server (the proxied traffic; {@code /q/} is relayed to Quarkus' HTTP server). */
    Server server();

    Auth auth();

    Breaker circuitBreaker();

    RateLimit rateLimit();

    Cors cors();

    /** Access log: one line per request (principal, route, status, latency). */
    @WithDefault("true")
    boolean accessLog();

    OpenApi openapi();

    /**
     * Addresses or CIDRs of the proxies in front of the gateway (ingress, load balancer) whose
     * {@code X-Forwarded-For} is believed; none by default, so the TCP peer is the client.
     */
    Optional<List<String>> trustedProxies();

    interface Server {
        /** The gateway's public port; Quarkus' own HTTP server ({@code quarkus.http.port}) is the management port. */
        @WithDefault("8080")
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /** A client connection that sends nothing for this long while no request is in flight is closed. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** Longest request line (method, target, version): longer gets 414. */
        @WithDefault("4096")
        int maxInitialLineLength();

        /** Largest request head (all header lines): larger gets 431. */
        @WithDefault("20480")
        int maxHeaderSize();

        /** Largest request body: a longer {@code Content-Length} gets 413 at once, a longer chunked body is cut. */
        @WithDefault("10240K")
        @WithConverter(MemorySizeConverter.class)
        MemorySize maxBodySize();
    }

    interface Auth {
        /** The issuer identity signs with: the expected {@code iss}, and where discovery is fetched from. */
        @WithDefault("http://localhost:8081")
        String issuer();

        /** Discovery document; defaults to {@code <issuer>/.well-known/openid-configuration}. */
        Optional<String> discoveryUrl();

        /** Overrides the discovery's {@code jwks_uri} (when the advertised URL is not reachable from the gateway). */
        Optional<String> jwksUrl();

        /** Overrides the discovery's {@code token_endpoint} used to exchange API keys. */
        Optional<String> tokenEndpoint();

        /** The expected {@code aud}. */
        @WithDefault("cumulus")
        String audience();

        /** Signature algorithms accepted; anything else (none, HS256, ...) is refused. */
        @WithDefault("ES256,RS256")
        List<String> algorithms();

        /** Clock skew tolerated on exp/nbf/iat. */
        @WithDefault("30s")
        Duration clockSkew();

        /** Periodic JWKS refresh. */
        @WithDefault("10m")
        Duration jwksRefresh();

        /**
         * Idle timeout of each discovery or JWKS call. A whole refresh ends within twice this plus one second: each
         * call's idle timeout does not cover every wait (a request queued for a pooled connection, an answer that
         * trickles in), and requests naming an unknown key id wait on the refresh.
         */
        @WithDefault("5s")
        Duration jwksFetchTimeout();

        /** At most one refetch per this interval when a token names an unknown key id. */
        @WithDefault("5s")
        Duration jwksMinRefetchInterval();

        /** Verified tokens remembered (signature checked once; exp and revocation checked on every request). */
        @WithDefault("20000")
        int verifiedTokenCacheSize();

        /** An exchanged API-key token is reused until this long before its expiry. */
        @WithDefault("60s")
        Duration apiKeyTokenRenewBefore();
    }

    interface Breaker {
        /** Consecutive transport failures (refused, reset, timeout) that open an upstream's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 before one trial request is let through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Bucket size (burst) per principal and route group; refilled evenly over {@link #period()}. */
        @WithDefault("600")
        long requests();

        @WithDefault("1m")
        Duration period();

        /** Limit per client address for calls without credentials (login, registration, public products). */
        @WithDefault("300")
        long anonymousRequests();

        @WithDefault("1m")
        Duration anonymousPeriod();

        /** Named route groups with their own limit, matched by path prefix before the per-upstream default group. */
        Map<String, Group> groups();

        interface Group {
            List<String> pathPrefixes();

            long requests();

            @WithDefault("1m")
            Duration period();
        }
    }

    interface Cors {
        /** Allowed origins; {@code *} allows any origin. */
        @WithDefault("*")
        List<String> origins();

        @WithDefault("GET,POST,PUT,PATCH,DELETE,OPTIONS")
        List<String> methods();

        @WithDefault("Authorization,Content-Type,Accept,X-Request-Id,Idempotency-Key,X-IBM-Client-Id,X-IBM-Client-Secret")
        List<String> headers();

        @WithDefault("X-Request-Id,Retry-After,Location,WWW-Authenticate,Idempotent-Replayed")
        List<String> exposedHeaders();

        @WithDefault("10m")
        Duration maxAge();
    }

    interface OpenApi {
        /** How long the merged document is reused. */
        @WithDefault("60s")
        Duration cacheTtl();

        /** Timeout for each upstream's document. */
        @WithDefault("3s")
        Duration fetchTimeout();
    }
}
