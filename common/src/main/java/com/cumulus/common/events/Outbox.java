package com.cumulus.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events into the transactional outbox through Hibernate Reactive. Must be called inside the use case's
 * transaction ({@code @WithTransaction} / {@code Panache.withTransaction}): the row commits or rolls back with the
 * state change, and {@link OutboxRelay} publishes it to Kafka after the commit. Services without Hibernate use
 * {@link SqlOutbox}.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = OutboxRows.INSERT + " values (cast(?1 as uuid), ?2, ?3, ?4, ?5)";

    private final OutboxConfig config;
    private final OutboxRows rows;

    public Outbox(OutboxConfig config, OutboxRows rows) {
        this.config = config;
        this.rows = rows;
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
        OutboxRows.Row row = rows.row(topic, type, aggregateId, data, actorId);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, row.event().id())
                        .setParameter(2, row.topic())
                        .setParameter(3, row.aggregateId())
                        .setParameter(4, row.type())
                        .setParameter(5, row.payload())
                        .executeUpdate())
                .replaceWith(row.event());
    }
}
