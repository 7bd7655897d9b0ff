package com.cumulus.tenancy.quota.service;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Quota by events for provisioning (docs/tenancy-service.md, "Events" and "Leases"): {@code service.quota-requested}
 * reserves with the same mechanism as the internal endpoint (idempotent by reference, confirmed at once) and answers
 * {@code quota.reserved} or {@code quota.rejected} on tenancy.events (key = organizationId); {@code service.created}
 * of a service that reserved synchronously confirms its provisional reservation (and takes it again if its lease
 * already expired); {@code service.deleted} releases the reservation of reference = serviceId. Runs inside the
 * consumer's inbox transaction, so the effect and the answer commit together.
 */
@ApplicationScoped
public class QuotaEventHandler {

    private static final Logger LOG = Logger.getLogger(QuotaEventHandler.class);
    private static final int MAX_REFERENCE = 255;

    private static final String SERVICES = QuotaService.SERVICES;

    private final ReservationService reservations;
    private final QuotaService quotas;
    private final TenancyEvents events;

    public QuotaEventHandler(ReservationService reservations, QuotaService quotas, TenancyEvents events) {
        this.reservations = reservations;
        this.quotas = quotas;
        this.events = events;
    }

    public Uni<Void> on(CloudEvent e) {
        if (e.data() == null) {
            return Uni.createFrom().voidItem();
        }
        if (EventTypes.SERVICE_QUOTA_REQUESTED.equals(e.type())) {
            return requested(e.data());
        }
        if (EventTypes.SERVICE_CREATED.equals(e.type())) {
            return created(e.data());
        }
        if (EventTypes.SERVICE_DELETED.equals(e.type())) {
            return deleted(e.data());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> requested(JsonNode d) {
        UUID organizationId = uuid(text(d, "organizationId"));
        if (organizationId == null) {
            LOG.warnf("quota-requested without a valid organizationId skipped: %s", d);
            return Uni.createFrom().voidItem();
        }
        String kind = text(d, "kind");
        String reference = text(d, "reference") != null ? text(d, "reference") : text(d, "serviceId");
        int quantity = d.path("quantity").asInt(0);
        if (kind == null || reference == null || reference.length() > MAX_REFERENCE || quantity < 1) {
            return rejected(organizationId, kind, quantity, reference, "invalid quota request");
        }
        return organizationExists(organizationId).chain(exists -> !exists
                ? rejected(organizationId, kind, quantity, reference, "organization not found")
                : reservations.reserveInTransaction(organizationId, kind, quantity, reference).chain(r -> r == null
                        ? rejected(organizationId, kind, quantity, reference, QuotaService.exceeded(kind))
                        : reserved(organizationId, r)));
    }

    /**
     * provisioning inserted a service whose quota it reserved through the synchronous endpoint ({@code quota} =
     * "reserved"; a template service says "requested" and asks by event instead): its provisional reservation is
     * confirmed. When there is none, its lease expired and the reconciler gave it back before this confirmation
     * arrived; the service exists (and may be running), so it is reserved again: within the quota as usual, else over
     * the quota, reported by {@code quota.overcommitted}. A service therefore never exists without a reservation.
     */
    private Uni<Void> created(JsonNode d) {
        UUID organizationId = uuid(text(d, "organizationId"));
        String serviceId = text(d, "serviceId");
        if (organizationId == null || serviceId == null || !"reserved".equals(text(d, "quota"))) {
            return Uni.createFrom().voidItem();
        }
        return reservations.confirmInTransaction(organizationId, serviceId).chain(found -> {
            if (found == ReservationService.Confirmation.CONFIRMED) {
                return Uni.createFrom().voidItem();
            }
            return organizationExists(organizationId).chain(exists -> !exists ? Uni.createFrom().voidItem()
                    : reservations.reserveInTransaction(organizationId, SERVICES, 1, serviceId).chain(r -> {
                        if (r != null) {
                            LOG.warnf("service %s of organization %s confirmed after its lease expired; reserved again",
                                    serviceId, organizationId);
                            return reserved(organizationId, r);
                        }
                        return reservations.reserveOverQuotaInTransaction(organizationId, SERVICES, 1, serviceId)
                                .chain(over -> overcommitted(organizationId, over));
                    }));
        });
    }

    private Uni<Void> deleted(JsonNode d) {
        UUID organizationId = uuid(text(d, "organizationId"));
        String serviceId = text(d, "serviceId");
        if (organizationId == null || serviceId == null) {
            return Uni.createFrom().voidItem();
        }
        return reservations.releaseInTransaction(organizationId, serviceId).replaceWithVoid();
    }

    private Uni<Void> reserved(UUID organizationId, ReservationService.Reservation r) {
        Map<String, Object> data = about(organizationId, r.kind(), r.quantity(), r.reference());
        data.put("reservationId", r.reservationId());
        return events.raw(EventTypes.QUOTA_RESERVED, organizationId.toString(), data, null);
    }

    private Uni<Void> overcommitted(UUID organizationId, ReservationService.Reservation r) {
        return quotas.list(organizationId).chain(rows -> {
            Map<String, Object> data = about(organizationId, r.kind(), r.quantity(), r.reference());
            data.put("reservationId", r.reservationId());
            rows.stream().filter(q -> q.kind().equals(r.kind())).findFirst().ifPresent(q -> {
                data.put("used", q.used());
                data.put("limit", q.quantity());
            });
            data.put("reason", "lease expired before provisioning confirmed the reservation; the quota was taken since");
            LOG.warnf("organization %s is over its %s quota: service %s was confirmed after its lease expired and "
                    + "no slot was free", organizationId, r.kind(), r.reference());
            return events.raw(EventTypes.QUOTA_OVERCOMMITTED, organizationId.toString(), data, null);
        });
    }

    private Uni<Void> rejected(UUID organizationId, String kind, int quantity, String reference, String reason) {
        Map<String, Object> data = about(organizationId, kind, quantity, reference);
        data.put("reason", reason);
        return events.raw(EventTypes.QUOTA_REJECTED, organizationId.toString(), data, null);
    }

    /** The fields every quota answer starts with. */
    private static Map<String, Object> about(UUID organizationId, String kind, int quantity, String reference) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationId.toString());
        data.put("kind", kind);
        data.put("quantity", quantity);
        data.put("reference", reference);
        return data;
    }

    private static Uni<Boolean> organizationExists(UUID organizationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from organization where id = ?1", Long.class)
                .setParameter(1, organizationId).getSingleResult())
                .map(n -> ((Number) n).longValue() > 0);
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode d, String field) {
        if (!d.hasNonNull(field)) {
            return null;
        }
        String v = d.get(field).asText();
        return v.isBlank() ? null : v;
    }
}
