package com.cumulus.common.events;

import com.cumulus.common.sql.SqlTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link Outbox} for services on plain statements: inserts the event's row on the connection of the current
 * {@link SqlTransactions} transaction, so it commits or rolls back with the state change. Outside a transaction it
 * fails rather than publish an event whose change may not commit.
 */
@ApplicationScoped
public class SqlOutbox {

    private static final String INSERT = OutboxRows.INSERT + " values (cast($1 as uuid), $2, $3, $4, $5)";

    private final OutboxConfig config;
    private final OutboxRows rows;
    private final SqlTransactions transactions;

    public SqlOutbox(OutboxConfig config, OutboxRows rows, SqlTransactions transactions) {
        this.config = config;
        this.rows = rows;
        this.transactions = transactions;
    }

    /** Records an event on the service's default topic. */
    public Uni<CloudEvent> record(String type, String aggregateId, Object data) {
        return record(config.defaultTopic(), type, aggregateId, data, null);
    }

    /** Records an event with an explicit actor (user id, API key id, service account id). */
    public Uni<CloudEvent> record(String type, String aggregateId, Object data, String actorId) {
        return record(config.defaultTopic(), type, aggregateId, data, actorId);
    }

    public Uni<CloudEvent> record(String topic, String type, String aggregateId, Object data, String actorId) {
        return Uni.createFrom().deferred(() -> {
            OutboxRows.Row row = rows.row(topic, type, aggregateId, data, actorId);
            return transactions.connection().preparedQuery(INSERT)
                    .execute(Tuple.of(row.event().id(), row.topic(), row.aggregateId(), row.type(), row.payload()))
                    .replaceWith(row.event());
        });
    }

    /** The row {@link #record} would insert, for a statement that inserts it together with the state change. */
    public OutboxRows.Row row(String type, String aggregateId, Object data, String actorId) {
        return rows.row(type, aggregateId, data, actorId);
    }
}
