package com.cumulus.tenancy.quota.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Quota reservations (provisioning's synchronous call and its events) and the seed 001 quota view. A reservation is one
 * conditional UPDATE of the quota row plus the reservation row, in one transaction: concurrent reservations never
 * exceed it. Reservations of the synchronous call are provisional leases (see {@link ReservationLeaseReconciler}).
 */
@ApplicationScoped
public class ReservationService {

    public static final String PROVISIONAL = "provisional";
    public static final String CONFIRMED = "confirmed";

    /** A reservation; {@code expiresAt} is the lease of a provisional one (null once confirmed). */
    public record Reservation(String reservationId, String kind, int quantity, String reference, boolean created,
                              String status, OffsetDateTime expiresAt) {
    }

    /** What a confirmation found: a reservation to confirm, or none (its lease ran out and it was released). */
    public enum Confirmation { CONFIRMED, MISSING }

    private final AccessService access;
    private final QuotaService quotas;
    private final TenancyEvents events;
    private final TenancyConfig config;

    public ReservationService(AccessService access, QuotaService quotas, TenancyEvents events, TenancyConfig config) {
        this.access = access;
        this.quotas = quotas;
        this.events = events;
        this.config = config;
    }

    /**
     * Reserves for provisioning's synchronous call: the reservation is provisional until provisioning's
     * {@code service.created} confirms it, and released by {@link ReservationLeaseReconciler} when its lease runs out
     * first. The same reference twice returns the first reservation (created=false).
     */
    @WithTransaction
    public Uni<Reservation> reserve(Caller caller, UUID organizationId, String kind, int quantity, String reference) {
        OffsetDateTime expiresAt = OffsetDateTime.now().plus(config.reservations().lease());
        return access.access(caller, organizationId)
                .chain(a -> reserveInTransaction(organizationId, kind, quantity, reference, expiresAt))
                .invoke(r -> {
                    if (r == null) {
                        throw ApiException.conflict(QuotaService.exceeded(kind));
                    }
                });
    }

    /**
     * A confirmed reservation, in the caller's transaction and without an access check (provisioning's
     * {@code quota-requested} event carries no caller, and its reservation commits with the event's effect, so it
     * needs no lease). An existing provisional reservation of {@code reference} is confirmed.
     */
    public Uni<Reservation> reserveInTransaction(UUID organizationId, String kind, int quantity, String reference) {
        return reserveInTransaction(organizationId, kind, quantity, reference, null)
                .call(r -> r == null || CONFIRMED.equals(r.status()) ? Uni.createFrom().voidItem()
                        : confirmInTransaction(organizationId, reference));
    }

    /**
     * The reservation itself: provisional until {@code expiresAt}, or confirmed when that is null. An existing
     * reservation of {@code reference} is returned (created=false); otherwise the reservation row is inserted
     * ({@code on conflict do nothing}: a concurrent reservation of the same reference wins and is returned) and the
     * quota taken with one conditional UPDATE. {@code null} when over quota; nothing is left changed then.
     */
    private Uni<Reservation> reserveInTransaction(UUID organizationId, String kind, int quantity, String reference,
                                                  OffsetDateTime expiresAt) {
        return existing(organizationId, reference).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            UUID id = UUID.randomUUID();
            String status = expiresAt == null ? CONFIRMED : PROVISIONAL;
            return insert(id, organizationId, kind, quantity, reference, status, expiresAt)
                    .chain(inserted -> inserted == 0
                            ? existing(organizationId, reference)
                            : quotas.tryConsume(organizationId, kind, quantity).chain(taken -> taken
                                    ? Uni.createFrom().item(new Reservation(id.toString(), kind, quantity, reference,
                                            true, status, expiresAt))
                                    : Panache.getSession().chain(s -> s.createNativeQuery(
                                                    "delete from quota_reservation where id = ?1")
                                            .setParameter(1, id).executeUpdate())
                                            .replaceWith((Reservation) null)));
        });
    }

    /**
     * Confirms the reservation of {@code reference} (provisioning inserted the service it was made for): it no longer
     * expires. {@link Confirmation#MISSING} when there is none, i.e. its lease ran out and the reconciler released it.
     * The row lock taken here orders a confirmation and a concurrent release: whichever commits first wins, and the
     * other sees its outcome.
     */
    public Uni<Confirmation> confirmInTransaction(UUID organizationId, String reference) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                                "update quota_reservation set status = 'confirmed', expires_at = null"
                                        + " where organization_id = ?1 and reference = ?2")
                        .setParameter(1, organizationId).setParameter(2, reference).executeUpdate())
                .map(n -> n > 0 ? Confirmation.CONFIRMED : Confirmation.MISSING);
    }

    /**
     * A confirmed reservation taken even beyond the quota: only for a service that already exists and lost its
     * reservation to an expired lease (docs/tenancy-service.md, "Leases"). The quota's {@code used} may then exceed
     * its {@code quantity}; the caller reports it.
     */
    public Uni<Reservation> reserveOverQuotaInTransaction(UUID organizationId, String kind, int quantity,
                                                          String reference) {
        UUID id = UUID.randomUUID();
        return insert(id, organizationId, kind, quantity, reference, CONFIRMED, null)
                .chain(inserted -> inserted == 0
                        ? existing(organizationId, reference)
                        : Panache.getSession().chain(s -> s.createNativeQuery(
                                        "update quota set used = used + ?3 where organization_id = ?1 and kind = ?2")
                                .setParameter(1, organizationId).setParameter(2, kind).setParameter(3, quantity)
                                .executeUpdate())
                        .replaceWith(new Reservation(id.toString(), kind, quantity, reference, true, CONFIRMED, null)));
    }

    private static Uni<Integer> insert(UUID id, UUID organizationId, String kind, int quantity, String reference,
                                       String status, OffsetDateTime expiresAt) {
        String sql = "insert into quota_reservation (id, organization_id, kind, quantity, reference, created_at, status"
                + (expiresAt == null ? ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7)" : ", expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                + " on conflict (organization_id, reference) do nothing";
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql)
                    .setParameter(1, id).setParameter(2, organizationId).setParameter(3, kind)
                    .setParameter(4, quantity).setParameter(5, reference)
                    .setParameter(6, OffsetDateTime.now()).setParameter(7, status);
            return (expiresAt == null ? query : query.setParameter(8, expiresAt)).executeUpdate();
        });
    }

    private Uni<Reservation> existing(UUID organizationId, String reference) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, kind, quantity, status, expires_at from quota_reservation"
                                + " where organization_id = ?1 and reference = ?2",
                        Object[].class)
                .setParameter(1, organizationId).setParameter(2, reference).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = (Object[]) rows.get(0);
                    return new Reservation(r[0].toString(), (String) r[1], ((Number) r[2]).intValue(), reference,
                            false, (String) r[3], Timestamps.offset(r[4]));
                });
    }

    /** Releases a reservation; releasing an unknown reference changes nothing (idempotent). */
    @WithTransaction
    public Uni<Void> release(Caller caller, UUID organizationId, String reference) {
        return access.access(caller, organizationId).chain(a -> releaseInTransaction(organizationId, reference))
                .replaceWithVoid();
    }

    /**
     * Deletes the reservation of {@code reference} and gives its quantity back, in the caller's transaction and without
     * an access check; an unknown reference changes nothing. Returns whether a reservation was released.
     */
    public Uni<Boolean> releaseInTransaction(UUID organizationId, String reference) {
        return existing(organizationId, reference).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(false);
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(
                                    "delete from quota_reservation where organization_id = ?1 and reference = ?2")
                            .setParameter(1, organizationId).setParameter(2, reference).executeUpdate())
                    .chain(n -> n == 0 ? Uni.createFrom().item(false)
                            : quotas.release(organizationId, found.kind(), found.quantity()).replaceWith(true));
        });
    }

    @WithSession
    public Uni<List<QuotaService.QuotaRow>> quotas(Caller caller, UUID organizationId) {
        return access.require(caller, organizationId, Permissions.QUOTAS_READ).chain(a -> quotas.list(organizationId));
    }

    /** Sets quantities (permission quotas.manage); a quantity below current use is refused with 409. */
    @WithTransaction
    public Uni<List<QuotaService.QuotaRow>> setQuotas(Caller caller, UUID organizationId, Map<String, Integer> quantities) {
        return access.require(caller, organizationId, Permissions.QUOTAS_MANAGE).chain(a -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, Integer> e : quantities.entrySet()) {
                chain = chain.chain(() -> quotas.setQuantity(organizationId, e.getKey(), e.getValue()));
            }
            return chain.chain(() -> events.raw(EventTypes.QUOTA_UPDATED, organizationId.toString(),
                            Map.of("organizationId", organizationId.toString(), "quotas", quantities), caller.subject()))
                    .chain(() -> quotas.list(organizationId));
        });
    }

    public static ApiException unknownKind(String kind) {
        return ApiException.invalid("kind", "unknown quota kind " + kind);
    }
}
