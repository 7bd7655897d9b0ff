package com.cumulus.provisioning.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.FlushMode;

/**
 * For transactions that change entities and then write outbox rows with native statements: by default Hibernate
 * flushes the whole session before every native statement (it cannot tell which tables the statement touches), so a
 * transaction changing N services and writing N events runs N flushes, each dirty-checking every entity of the
 * session (O(N²)), and sends each entity statement on its own. Flushing only at commit sends the entity statements
 * once, batched ({@code quarkus.hibernate-orm.jdbc.statement-batch-size}). Atomicity is unchanged (one transaction);
 * only the order of statements inside it changes. Use only where no query in the transaction reads what it changed.
 */
public final class FlushAtCommit {

    private FlushAtCommit() {
    }

    /** Inside {@code Panache.withTransaction}: the session flushes at commit only. */
    public static Uni<Void> apply() {
        return Panache.getSession().invoke(session -> session.setFlushMode(FlushMode.COMMIT)).replaceWithVoid();
    }
}
