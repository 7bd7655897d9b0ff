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
 * Quota by events for provisioning (docs/tenancy-service.md, "Events"): {@code service.quota-requested} reserves with
 * the same mechanism as the internal endpoint (idempotent by reference) and answers {@code quota.reserved} or
 * {@code quota.rejected} on tenancy.events (key = organizationId); {@code service.deleted} releases the reservation of
 * reference = serviceId. Runs inside the consumer's inbox transaction, so the effect and the answer commit together.
 */
@ApplicationScoped
public class QuotaEventHandler {

    private static final Logger LOG = Logger.getLogger(QuotaEventHandler.class);
    private static final int MAX_REFERENCE = 255;

    private final ReservationService reservations;
    private final TenancyEvents events;

    public QuotaEventHandler(ReservationService reservations, TenancyEvents events) {
        this.reservations = reservations;
        this.events = events;
    }

    public Uni<Void> on(CloudEvent e) {
        if (e.data() == null) {
            return Uni.createFrom().voidItem();
        }
        if (EventTypes.SERVICE_QUOTA_REQUESTED.equals(e.type())) {
            return requested(e.data());
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

    private Uni<Void> deleted(JsonNode d) {
        UUID organizationId = uuid(text(d, "organizationId"));
        String serviceId = text(d, "serviceId");
        if (organizationId == null || serviceId == null) {
            return Uni.createFrom().voidItem();
        }
        return reservations.releaseInTransaction(organizationId, serviceId).replaceWithVoid();
    }

    private Uni<Void> reserved(UUID organizationId, ReservationService.Reservation r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationId.toString());
        data.put("kind", r.kind());
        data.put("quantity", r.quantity());
        data.put("reference", r.reference());
        data.put("reservationId", r.reservationId());
        return events.raw(EventTypes.QUOTA_RESERVED, organizationId.toString(), data, null);
    }

    private Uni<Void> rejected(UUID organizationId, String kind, int quantity, String reference, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", organizationId.toString());
        data.put("kind", kind);
        data.put("quantity", quantity);
        data.put("reference", reference);
        data.put("reason", reason);
        return events.raw(EventTypes.QUOTA_REJECTED, organizationId.toString(), data, null);
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
