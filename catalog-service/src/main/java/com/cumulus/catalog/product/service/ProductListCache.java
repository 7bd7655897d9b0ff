package com.cumulus.catalog.product.service;

import com.cumulus.catalog.config.CatalogConfig;
import com.cumulus.catalog.product.domain.Product;
import com.cumulus.catalog.product.domain.ProductState;
import com.cumulus.catalog.product.domain.Visibility;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The products consumers may see (published or deprecated, ordered by name and version), held in memory so that the
 * list endpoints ({@code GET /public-products}, {@code GET /products}) do not query and hydrate every product on
 * every request. Visibility is applied per caller on the snapshot; pages are cut from it.
 * <ul>
 *   <li>A product change made through this instance ({@link #invalidate()}, called by the product use cases after
 *   their transaction committed) drops the snapshot: the next read loads a fresh one, so the change shows at once.</li>
 *   <li>Changes made by another replica show once the TTL ({@code cumulus.catalog.product-list-cache-ttl}) has
 *   passed: an expired snapshot is still served while one background load replaces it, so no request waits for
 *   it and a burst of requests never runs the query more than once (single flight).</li>
 *   <li>The rendered bodies of {@code GET /public-products} (identical for every caller) are kept per
 *   representation and page for the life of the snapshot, at most {@value #MAX_BODIES} of them.</li>
 * </ul>
 * A TTL of 0 disables the cache: every read queries the database.
 */
@ApplicationScoped
public class ProductListCache {
    private static final Logger LOG = Logger.getLogger(ProductListCache.class);
    static final int MAX_BODIES = 256;
    private static final List<String> CONSUMER_STATES =
            List.of(ProductState.PUBLISHED.value(), ProductState.DEPRECATED.value());

    /** One load of the consumer-visible products; {@code publicOnes} is the anonymous subset. */
    public static final class Snapshot {
        private final long generation;
        private final long expiresAtNanos;
        private final List<Product> visible;
        private final List<Product> publicOnes;
        private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

        Snapshot(long generation, long expiresAtNanos, List<Product> visible) {
            this.generation = generation;
            this.expiresAtNanos = expiresAtNanos;
            this.visible = List.copyOf(visible);
            this.publicOnes = this.visible.stream().filter(p -> Visibility.PUBLIC.equals(p.visibility)).toList();
        }

        /** Every consumer-visible product; filter with {@link Visibility#allows} for a caller. */
        public List<Product> visible() {
            return visible;
        }

        /** The public ones (what anonymous callers see). */
        public List<Product> publicOnes() {
            return publicOnes;
        }

        /** A rendered body of this snapshot, rendered on first use and kept (up to {@value #MAX_BODIES} keys). */
        public byte[] body(String key, Supplier<byte[]> render) {
            byte[] body = bodies.get(key);
            if (body == null) {
                body = render.get();
                if (bodies.size() < MAX_BODIES) {
                    bodies.putIfAbsent(key, body);
                }
            }
            return body;
        }
    }

    private record Loading(long generation, Uni<Snapshot> uni) {
    }

    private final long ttlNanos;
    private long generation;
    private volatile Snapshot current;
    private Loading loading;

    public ProductListCache(CatalogConfig config) {
        this.ttlNanos = config.productListCacheTtl().toNanos();
    }

    public Uni<Snapshot> snapshot() {
        if (ttlNanos <= 0) {
            return query(0);
        }
        Snapshot snapshot = current;
        if (snapshot == null) {
            return sharedLoad();
        }
        if (snapshot.expiresAtNanos - System.nanoTime() <= 0) {
            refreshInBackground();
        }
        return Uni.createFrom().item(snapshot);
    }

    /** Joins the load of the current generation, starting it if none runs. */
    private synchronized Uni<Snapshot> sharedLoad() {
        if (loading == null || loading.generation() != generation) {
            long gen = generation;
            Uni<Snapshot> uni = query(gen).invoke(this::publish)
                    .onTermination().invoke(() -> finished(gen))
                    .memoize().indefinitely();
            loading = new Loading(gen, uni);
        }
        return loading.uni();
    }

    private void refreshInBackground() {
        Uni<Snapshot> refresh;
        synchronized (this) {
            if (loading != null && loading.generation() == generation) {
                return;
            }
            refresh = sharedLoad();
        }
        refresh.subscribe().with(ignored -> {
        }, failure -> LOG.warnf(failure, "refreshing the product list failed; the previous one is served meanwhile"));
    }

    private Uni<Snapshot> query(long gen) {
        return Panache.withSession(() -> Product.<Product>list("state in ?1 order by name, version", CONSUMER_STATES))
                .map(products -> new Snapshot(gen, System.nanoTime() + ttlNanos, products));
    }

    private synchronized void publish(Snapshot snapshot) {
        if (snapshot.generation == generation) {
            current = snapshot;
        }
    }

    private synchronized void finished(long gen) {
        if (loading != null && loading.generation() == gen) {
            loading = null;
        }
    }

    /** Product data changed here: the next read loads a fresh snapshot (a load already running is not reused). */
    public synchronized void invalidate() {
        generation++;
        current = null;
    }
}
