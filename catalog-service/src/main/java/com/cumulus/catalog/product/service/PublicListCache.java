package com.cumulus.catalog.product.service;

import com.cumulus.catalog.config.CatalogConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rendered body of {@code GET /public-products} (anonymous, identical for every caller), kept for a short TTL
 * per representation ({@code fields} + media type). Product changes made through this instance clear it at once;
 * changes made by another replica show after at most the TTL.
 */
@ApplicationScoped
public class PublicListCache {
    private record Entry(byte[] body, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public PublicListCache(CatalogConfig config) {
        this.ttlNanos = config.publicListCacheTtl().toNanos();
    }

    public Uni<byte[]> get(String key, Supplier<Uni<byte[]>> render) {
        Entry entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return Uni.createFrom().item(entry.body());
        }
        return render.get().invoke(body -> {
            if (ttlNanos > 0) {
                entries.put(key, new Entry(body, System.nanoTime() + ttlNanos));
            }
        });
    }

    public void invalidate() {
        entries.clear();
    }
}
