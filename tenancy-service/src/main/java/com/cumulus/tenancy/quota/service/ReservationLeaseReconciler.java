package com.cumulus.tenancy.quota.service;

import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives back the quota of provisional reservations whose lease ran out: a reservation made through the synchronous
 * internal endpoint whose service provisioning never inserted (it crashed between the two), so no
 * {@code service.created} confirmed it. Every replica runs it on a Vert.x timer; each batch is one statement that
 * deletes the expired rows it could lock ({@code for update skip locked}: replicas take disjoint rows, and a row a
 * confirmation holds is left alone) and gives their quantities back to the quota rows, plus one
 * {@code quota.lease-expired} event per released reservation, all in one transaction.
 */
@ApplicationScoped
public class ReservationLeaseReconciler {

    private static final Logger LOG = Logger.getLogger(ReservationLeaseReconciler.class);

    private static final String RELEASE_EXPIRED = """
            with expired as (
                delete from quota_reservation r
                 where r.id in (select id from quota_reservation
                                 where status = 'provisional' and expires_at <= ?1
                                 order by expires_at
                                 limit ?2
                                 for update skip locked)
                returning r.id, r.organization_id, r.kind, r.quantity, r.reference, r.created_at, r.expires_at
            ), given_back as (
                update quota q set used = greatest(q.used - e.total, 0)
                  from (select organization_id, kind, sum(quantity) as total from expired
                         group by organization_id, kind) e
                 where q.organization_id = e.organization_id and q.kind = e.kind
                returning q.organization_id
            )
            select id, organization_id, kind, quantity, reference, created_at, expires_at from expired
            """;

    private final TenancyConfig config;
    private final TenancyEvents events;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public ReservationLeaseReconciler(TenancyConfig config, TenancyEvents events, Vertx vertx) {
        this.config = config;
        this.events = events;
        this.vertx = vertx;
    }

    void schedule(@Observes StartupEvent event) {
        vertx.setPeriodic(config.reservations().reconcileEvery().toMillis(), id -> tick());
    }

    /** One pass on its own duplicated context (its own session); a pass still running here makes this one skip. */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> releaseExpired(OffsetDateTime.now()).subscribe().with(
                released -> {
                    running.set(false);
                    if (released > 0) {
                        LOG.infof("released %d quota reservations whose lease expired", released);
                    }
                },
                failure -> {
                    running.set(false);
                    LOG.warn("could not release expired quota reservations (retried at the next pass)", failure);
                }));
    }

    /**
     * Releases every provisional reservation whose lease ended at or before {@code now}, one transaction per batch
     * of {@code reconcile-batch-size}; returns how many were released.
     */
    public Uni<Integer> releaseExpired(OffsetDateTime now) {
        int batchSize = Math.max(1, config.reservations().reconcileBatchSize());
        return releaseBatch(now, batchSize).chain(released -> released < batchSize
                ? Uni.createFrom().item(released)
                : releaseExpired(now).map(more -> released + more));
    }

    private Uni<Integer> releaseBatch(OffsetDateTime now, int batchSize) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(RELEASE_EXPIRED, Object[].class)
                        .setParameter(1, now).setParameter(2, batchSize).getResultList())
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object row : rows) {
                        chain = chain.chain(() -> expired((Object[]) row));
                    }
                    return chain.replaceWith(rows.size());
                }));
    }

    private Uni<Void> expired(Object[] r) {
        UUID organizationId = UUID.fromString(r[1].toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationId.toString());
        data.put("kind", r[2]);
        data.put("quantity", ((Number) r[3]).intValue());
        data.put("reference", r[4]);
        data.put("reservationId", r[0].toString());
        data.put("reservedAt", Timestamps.offset(r[5]).toString());
        data.put("leaseExpiredAt", Timestamps.offset(r[6]).toString());
        LOG.warnf("quota reservation %s of organization %s (%s %s) released: its lease expired unconfirmed", r[4],
                organizationId, r[3], r[2]);
        return events.raw(EventTypes.QUOTA_LEASE_EXPIRED, organizationId.toString(), data, null);
    }
}
