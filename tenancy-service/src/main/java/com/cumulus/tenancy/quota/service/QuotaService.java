package com.cumulus.tenancy.quota.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.config.TenancyConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-organization quotas. Every consumption is one conditional UPDATE ({@code used + n <= quantity}), so concurrent
 * requests can never together exceed the quota. Must run inside the caller's transaction.
 */
@ApplicationScoped
public class QuotaService {

    public static final String SERVICES = "services";
    public static final String PROJECTS = "projects";
    public static final String MEMORY_GB = "memory_gb";

    /** {@code used} counts everything held; {@code reserved} is the part allocations hold as reserved. */
    public record QuotaRow(String kind, int quantity, int used, int reserved) {
        public int committed() {
            return Math.max(0, used - reserved);
        }

        public int free() {
            return Math.max(0, quantity - used);
        }
    }

    /** A change of one kind's use: {@code total} (committed + reserved) and the reserved part of it. */
    public record Delta(int total, int reserved) {
    }

    private final TenancyConfig config;

    public QuotaService(TenancyConfig config) {
        this.config = config;
    }

    public Map<String, Integer> defaults() {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put(SERVICES, config.quotas().services());
        d.put(PROJECTS, config.quotas().projects());
        d.put(MEMORY_GB, config.quotas().memoryGb());
        return d;
    }

    public Uni<Void> initialize(UUID organizationId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Integer> e : defaults().entrySet()) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into quota (organization_id, kind, quantity, used) values (?1, ?2, ?3, 0)"
                                    + " on conflict do nothing")
                    .setParameter(1, organizationId).setParameter(2, e.getKey()).setParameter(3, e.getValue())
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** Takes {@code quantity} of {@code kind}; fails with 409 when that would exceed the quota. */
    public Uni<Void> consume(UUID organizationId, String kind, int quantity) {
        return tryConsume(organizationId, kind, quantity)
                .invoke(taken -> {
                    if (!taken) {
                        throw ApiException.conflict(exceeded(kind));
                    }
                }).replaceWithVoid();
    }

    /**
     * Takes {@code quantity} of {@code kind} with one conditional UPDATE; {@code false} (nothing changed) when that
     * would exceed the quota or the organization has no such quota.
     */
    public Uni<Boolean> tryConsume(UUID organizationId, String kind, int quantity) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update quota set used = used + ?3 where organization_id = ?1 and kind = ?2"
                                + " and used + ?3 <= quantity")
                .setParameter(1, organizationId).setParameter(2, kind).setParameter(3, quantity)
                .executeUpdate())
                .map(n -> n > 0);
    }

    public static String exceeded(String kind) {
        return "quota " + kind + " exceeded";
    }

    /**
     * Applies changes of several kinds atomically (the caller's transaction): each kind is one conditional UPDATE, a
     * growth beyond the quota fails the whole change with 409. Kinds are updated in name order so that concurrent
     * changes lock the quota rows in the same order (no deadlock).
     */
    public Uni<Void> adjust(UUID organizationId, Map<String, Delta> deltas) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Delta> e : new java.util.TreeMap<>(deltas).entrySet()) {
            String kind = e.getKey();
            Delta d = e.getValue();
            if (d.total() == 0 && d.reserved() == 0) {
                continue;
            }
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "update quota set used = greatest(used + ?3, 0), reserved = greatest(reserved + ?4, 0)"
                                    + " where organization_id = ?1 and kind = ?2 and (?3 <= 0 or used + ?3 <= quantity)")
                    .setParameter(1, organizationId).setParameter(2, kind).setParameter(3, d.total())
                    .setParameter(4, d.reserved()).executeUpdate())
                    .invoke(n -> {
                        if (n == 0 && d.total() > 0) {
                            throw ApiException.conflict("quota " + kind + " exceeded");
                        }
                    }).replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> release(UUID organizationId, String kind, int quantity) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update quota set used = greatest(used - ?3, 0) where organization_id = ?1 and kind = ?2")
                .setParameter(1, organizationId).setParameter(2, kind).setParameter(3, quantity)
                .executeUpdate()).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    public Uni<List<QuotaRow>> list(UUID organizationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select kind, quantity, used, reserved from quota where organization_id = ?1 order by kind",
                                Object[].class)
                .setParameter(1, organizationId).getResultList())
                .map(rows -> {
                    List<QuotaRow> out = new ArrayList<>();
                    for (Object row : rows) {
                        Object[] r = (Object[]) row;
                        out.add(new QuotaRow((String) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                                ((Number) r[3]).intValue()));
                    }
                    return out;
                });
    }

    /** Sets a quota's quantity; refuses (409) a quantity below what is already used. */
    public Uni<Void> setQuantity(UUID organizationId, String kind, int quantity) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into quota (organization_id, kind, quantity, used) values (?1, ?2, ?3, 0)"
                                + " on conflict (organization_id, kind) do update set quantity = excluded.quantity"
                                + " where quota.used <= excluded.quantity")
                .setParameter(1, organizationId).setParameter(2, kind).setParameter(3, quantity)
                .executeUpdate())
                .invoke(n -> {
                    if (n == 0) {
                        throw ApiException.conflict("quota " + kind + " is below what is already used");
                    }
                }).replaceWithVoid();
    }
}
