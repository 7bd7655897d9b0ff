package com.cumulus.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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

    /** Idle timeout of an upstream connection (no bytes either way). */
    @WithDefault("30s")
    Duration upstreamIdleTimeout();

    /** Pooled connections per upstream. */
    @WithDefault("256")
    int maxConnectionsPerUpstream();
}
