package com.cumulus.identity.federation.service;

import com.cumulus.identity.federation.domain.FederatedLogin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/** Drops federated logins (upstream state, nonce, PKCE verifier) a day after they expired. */
@ApplicationScoped
public class FederationHousekeeping {

    private static final Logger LOG = Logger.getLogger(FederationHousekeeping.class);

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(() -> FederatedLogin.delete("expiresAt < ?1",
                        Instant.now().minus(Duration.ofDays(1))))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.debugf("purged %d expired federated logins", n);
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("purging federated logins failed", e))
                .onFailure().recoverWithNull();
    }
}
