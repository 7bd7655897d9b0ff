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
        JsonNode json = data instanceof JsonNode node ? node : mapper.valueToTree(data);
        CloudEvent event = CloudEvent.of(config.source(), type, aggregateId, mdc(RequestIds.MDC_KEY), actorId,
                mdc(RequestIds.MDC_ACTOR_TYPE), mdc(RequestIds.MDC_SOURCE_IP), json);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.id())
                        .setParameter(2, topic)
                        .setParameter(3, aggregateId)
                        .setParameter(4, type)
                        .setParameter(5, codec.write(event))
                        .executeUpdate())
                .replaceWith(event);
    }

    private static String mdc(String key) {
        Object value = MDC.get(key);
        return value == null ? null : value.toString();
    }
}
