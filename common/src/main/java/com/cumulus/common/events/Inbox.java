package com.cumulus.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Idempotent consumption: the event id is recorded in {@code processed_event} in the same transaction as the
 * handler's effect, so a redelivered event is skipped and a failed handler leaves no record.
 */
@ApplicationScoped
public class Inbox {

    private static final String CLAIM = "insert into processed_event (consumer, event_id) values (?1, cast(?2 as uuid))"
            + " on conflict do nothing";

    private final EventCodec codec;

    public Inbox(EventCodec codec) {
        this.codec = codec;
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
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter(1, consumer)
                        .setParameter(2, event.id())
                        .executeUpdate())
                .chain(claimed -> claimed == 0
                        ? Uni.createFrom().item(false)
                        : handler.apply(event).replaceWith(true)));
    }
}
