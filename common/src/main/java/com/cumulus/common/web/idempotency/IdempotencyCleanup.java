package com.cumulus.common.web.idempotency;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Deletes idempotency keys older than their TTL, periodically, from every instance (the delete is idempotent). */
@ApplicationScoped
public class IdempotencyCleanup {

    private static final Logger LOG = Logger.getLogger(IdempotencyCleanup.class);

    void start(@Observes StartupEvent event, Vertx vertx, IdempotencyKeys keys, IdempotencyConfig config) {
        vertx.setPeriodic(config.cleanupInterval().toMillis(), id -> keys.deleteExpired().subscribe().with(
                deleted -> LOG.debugf("deleted %d expired idempotency keys", deleted),
                failure -> LOG.warn("could not delete expired idempotency keys", failure)));
    }
}
