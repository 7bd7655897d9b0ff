package com.cumulus.tenancy.quota.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
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
 * Quota reservations (provisioning's synchronous call) and the seed 001 quota view. A reservation is one conditional
 * UPDATE of the quota row plus the reservation row, in one transaction: concurrent reservations never exceed it.
 */
@ApplicationScoped
public class ReservationService {

    public record Reservation(String reservationId, String kind, int quantity, String reference, boolean created) {
    }

    private final AccessService access;
    private final QuotaService quotas;
    private final TenancyEvents events;

    public ReservationService(AccessService access, QuotaService quotas, TenancyEvents events) {
        this.access = access;
        this.quotas = quotas;
        this.events = events;
    }

    /** Reserves; the same reference twice returns the first reservation (created=false). */
    @WithTransaction
    public Uni<Reservation> reserve(Caller caller, UUID organizationId, String kind, int quantity, String reference) {
        return access.access(caller, organizationId)
                .chain(a -> reserveInTransaction(organizationId, kind, quantity, reference))
                .invoke(r -> {
                    if (r == null) {
                        throw ApiException.conflict(QuotaService.exceeded(kind));
                    }
                });
    }

    /**
     * The reservation itself, in the caller's transaction and without an access check (the synchronous endpoint checks
     * membership first; provisioning's {@code quota-requested} event carries no caller). An existing reservation of
     * {@code reference} is returned (created=false); otherwise the reservation row is inserted ({@code on conflict do
     * nothing}: a concurrent reservation of the same reference wins and is returned) and the quota taken with one
     * conditional UPDATE. {@code null} when over quota; nothing is left changed then.
     */
    public Uni<Reservation> reserveInTransaction(UUID organizationId, String kind, int quantity, String reference) {
        return existing(organizationId, reference).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            UUID id = UUID.randomUUID();
            return Panache.getSession().chain(s -> s.createNativeQuery(
                                    "insert into quota_reservation (id, organization_id, kind, quantity, reference, created_at)"
                                            + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (organization_id, reference) do nothing")
                            .setParameter(1, id).setParameter(2, organizationId).setParameter(3, kind)
                            .setParameter(4, quantity).setParameter(5, reference)
                            .setParameter(6, OffsetDateTime.now()).executeUpdate())
                    .chain(inserted -> inserted == 0
                            ? existing(organizationId, reference)
                            : quotas.tryConsume(organizationId, kind, quantity).chain(taken -> taken
                                    ? Uni.createFrom().item(new Reservation(id.toString(), kind, quantity, reference, true))
                                    : Panache.getSession().chain(s -> s.createNativeQuery(
                                                    "delete from quota_reservation where id = ?1")
                                            .setParameter(1, id).executeUpdate())
                                            .replaceWith((Reservation) null)));
        });
    }

    private Uni<Reservation> existing(UUID organizationId, String reference) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, kind, quantity from quota_reservation where organization_id = ?1 and reference = ?2",
                        Object[].class)
                .setParameter(1, organizationId).setParameter(2, reference).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = (Object[]) rows.get(0);
                    return new Reservation(r[0].toString(), (String) r[1], ((Number) r[2]).intValue(), reference, false);
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
