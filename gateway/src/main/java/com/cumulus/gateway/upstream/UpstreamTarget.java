package com.cumulus.gateway.upstream;

/** One upstream service as the relay sees it: where it is, its limits and timeouts, and its circuit breaker. */
record UpstreamTarget(String name, String host, int port, boolean tls, String hostHeader, int connectTimeoutMillis,
                      long responseTimeoutMillis, long idleTimeoutNanos, int maxConnections, CircuitBreaker breaker) {
}
