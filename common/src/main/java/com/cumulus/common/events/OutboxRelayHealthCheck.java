package com.cumulus.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the relay has no failed cycle outstanding (Kafka reachable and the outbox readable). */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("outbox-relay")
                .withData("running", relay.isRunning())
                .withData("published", relay.publishedCount());
        relay.lastSuccess().ifPresent(t -> builder.withData("lastSuccess", t.toString()));
        relay.lastError().ifPresent(e -> builder.withData("lastError", e));
        return builder.status(relay.lastError().isEmpty()).build();
    }
}
