package com.cumulus.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

/**
 * Builds the {@code outbox_event} row of an event (the CloudEvent with the request's id, actor and source from the
 * MDC, and its JSON). {@link Outbox} and {@link SqlOutbox} insert it; a hot path may insert it in a statement of its
 * own that also writes the state change, so both commit together.
 */
@ApplicationScoped
public class OutboxRows {

    static final String INSERT = "insert into outbox_event (event_id, topic, aggregate_id, event_type, payload)";

    private final OutboxConfig config;
    private final EventCodec codec;
    private final ObjectMapper mapper;

    public OutboxRows(OutboxConfig config, EventCodec codec, ObjectMapper mapper) {
        this.config = config;
        this.codec = codec;
        this.mapper = mapper;
    }

    /** The row of an event on the service's default topic. */
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
