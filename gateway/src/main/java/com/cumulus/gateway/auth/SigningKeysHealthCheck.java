package com.cumulus.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once identity's signing keys are known (until then every token would be refused). */
@Readiness
@ApplicationScoped
public class SigningKeysHealthCheck implements HealthCheck {

    private final SigningKeys keys;

    public SigningKeysHealthCheck(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        int count = keys.count();
        return HealthCheckResponse.named("signing-keys").status(count > 0).withData("keys", count).build();
    }
}
