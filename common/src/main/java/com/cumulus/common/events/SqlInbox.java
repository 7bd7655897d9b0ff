package com.cumulus.common.events;

import com.cumulus.common.sql.SqlTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * {@link Inbox} for services on plain statements: the event id is claimed in {@code processed_event} in the same
 * {@link SqlTransactions} transaction as the handler's effect, so a redelivered event is skipped and a failed handler
 * leaves no record.
 */
@ApplicationScoped
public class SqlInbox {

    private static final String CLAIM = "insert into processed_event (consumer, event_id) values ($1, cast($2 as uuid))"
            + " on conflict do nothing";

    private final EventCodec codec;
    private final SqlTransactions transactions;

    public SqlInbox(EventCodec codec, SqlTransactions transactions) {
        this.codec = codec;
        this.transactions = transactions;
    }

    /**
     * Parses the record and runs the handler once per event id for this consumer, in one transaction.
     * Malformed records are logged and skipped (they can never succeed), so they do not block the partition.
     *
     * @return true when the handler ran, false when the event had been processed before or was malformed
     */
    public Uni<Boolean> handleOnce(String consumer, String json, Function<CloudEvent, Uni<?>> handler) {
        CloudEvent event = InboxRecords.accept(codec, consumer, json);
        if (event == null) {
            return Uni.createFrom().item(false);
        }
        return transactions.inTransaction(() -> transactions.connection().preparedQuery(CLAIM)
                .execute(Tuple.of(consumer, event.id()))
                .chain(claimed -> claimed.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : handler.apply(event).replaceWith(true)));
    }
}
