package com.cumulus.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

/**
 * Writes events into the transactional outbox. Must be called inside the use case's transaction
 * ({@code @WithTransaction} / {@code Panache.withTransaction}): the row commits or rolls back with the state change,
 * and {@link OutboxRelay} publishes it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, aggregate_id, event_type, payload)"
            + " values (cast(?1 as uuid), ?2, ?3, ?4, ?5)";

    private final OutboxConfig config;
    private final EventCodec codec;
    private final ObjectMapper mapper;

    public Outbox(OutboxConfig config, EventCodec codec, ObjectMapper mapper) {
        this.config = config;
        this.codec = codec;
        this.mapper = mapper;
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
        Row row = row(topic, type, aggregateId, data, actorId);
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

    /**
     * The {@code outbox_event} row that {@link #record} would insert, on the service's default topic, for a hot path
     * that writes its state change with one statement of its own on the reactive pool: that statement must insert
     * the row ({@code event_id, topic, aggregate_id, event_type, payload}) so it commits with the change.
     */
    public Row row(String type, String aggregateId, Object data, String actorId) {
        return row(config.defaultTopic(), type, aggregateId, data, actorId);
    }

    public Row row(String topic, String type, String aggregateId, Object data, String actorId) {
        JsonNode json = data instanceof JsonNode node ? node : mapper.valueToTree(data);
        CloudEvent event = CloudEvent.of(config.source(), type, aggregateId, mdc(RequestIds.MDC_KEY), actorId,
                mdc(RequestIds.MDC_ACTOR_TYPE), mdc(RequestIds.MDC_SOURCE_IP), json);
        return new Row(event, topic, aggregateId, type, codec.write(event));
    }

    /** An outbox row: the event and the column values of its {@code outbox_event} insert. */
    public record Row(CloudEvent event, String topic, String aggregateId, String type, String payload) {
    }

    private static String mdc(String key) {
        Object value = MDC.get(key);
        return value == null ? null : value.toString();
    }
}
