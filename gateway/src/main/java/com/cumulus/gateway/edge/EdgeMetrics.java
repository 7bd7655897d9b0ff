package com.cumulus.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code cumulus_gateway_requests_seconds{route, status}}: one timer per route group and status class. Quarkus's
 * server-request binder is off in the gateway: it tags by request path, which at a gateway is unbounded
 * ({@code /v1/organizations/<id>/services/<id>}...), and it looks meters up by tags on every request.
 */
@Singleton
public class EdgeMetrics {

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer[]> byRoute = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String route, int status, long nanos) {
        int statusClass = Math.min(Math.max(status / 100, 1), 5) - 1;
        byRoute.computeIfAbsent(route, this::timers)[statusClass].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer[] timers(String route) {
        Timer[] timers = new Timer[STATUS_CLASSES.length];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = Timer.builder("cumulus.gateway.requests")
                    .description("Requests answered at the edge, by route group and status class")
                    .tag("route", route).tag("status", STATUS_CLASSES[i])
                    .register(registry);
        }
        return timers;
    }
}
