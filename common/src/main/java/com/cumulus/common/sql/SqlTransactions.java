package com.cumulus.common.sql;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Transactions on the reactive pool for services that use plain statements instead of Hibernate. The open
 * transaction's connection is kept on the current duplicated Vert.x context (one per request, Kafka record or
 * scheduled run), the way Hibernate Reactive keeps its session: the statements of one use case join it through
 * {@link #client()} without the connection being passed through every call. The SQL client completes each statement
 * on the context that issued it, so the whole chain of a use case sees the same connection.
 */
@ApplicationScoped
public class SqlTransactions {

    private static final String CONNECTION = SqlTransactions.class.getName() + ".connection";

    private final Pool pool;
    private final io.vertx.core.Vertx vertx;

    public SqlTransactions(Pool pool, io.vertx.mutiny.core.Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx.getDelegate();
    }

    /**
     * Runs {@code work} in a transaction: it commits when the returned Uni succeeds and rolls back when it fails.
     * Inside a transaction already, {@code work} joins it.
     */
    public <T> Uni<T> inTransaction(Supplier<? extends Uni<? extends T>> work) {
        Context context = io.vertx.core.Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            if (context.getLocal(CONNECTION) != null) {
                return Uni.createFrom().<T>deferred(work::get);
            }
            return pool.withTransaction(connection -> {
                context.putLocal(CONNECTION, connection);
                return Uni.createFrom().<T>deferred(work::get).onTermination().invoke(() -> context.removeLocal(CONNECTION));
            });
        }
        // started outside a request (startup, a plain event-loop callback): run on a context of its own
        Context own = context == null ? VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext())
                : VertxContext.getOrCreateDuplicatedContext(context);
        return Uni.createFrom().<T>deferred(() -> inTransaction(work))
                .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
    }

    /** The current transaction's connection, or the pool (each statement its own transaction) outside one. */
    public SqlClient client() {
        SqlConnection connection = current();
        return connection != null ? connection : pool;
    }

    /** The current transaction's connection; for writes that must commit with the use case's other changes. */
    public SqlConnection connection() {
        SqlConnection connection = current();
        if (connection == null) {
            throw new IllegalStateException("no transaction on this context: call inside SqlTransactions.inTransaction");
        }
        return connection;
    }

    private static SqlConnection current() {
        Context context = io.vertx.core.Vertx.currentContext();
        return context == null || !VertxContext.isDuplicatedContext(context) ? null : context.getLocal(CONNECTION);
    }
}
