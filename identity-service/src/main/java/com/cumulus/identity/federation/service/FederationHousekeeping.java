package com.cumulus.identity.federation.service;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.federation.repository.FederatedLoginRepository;
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

    private final SqlTransactions tx;
    private final FederatedLoginRepository logins;

    public FederationHousekeeping(SqlTransactions tx, FederatedLoginRepository logins) {
        this.tx = tx;
        this.logins = logins;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return tx.inTransaction(() -> logins.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1))))
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
