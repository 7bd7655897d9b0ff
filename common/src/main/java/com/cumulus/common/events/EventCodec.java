package com.cumulus.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Serializes envelopes and payloads with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialized: " + event.type(), e);
        }
    }

    public CloudEvent read(String json) {
        try {
            return mapper.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(e);
        }
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** A record on a topic that is not a CloudEvent this service understands. */
    public static class MalformedEventException extends RuntimeException {
        MalformedEventException(Throwable cause) {
            super("malformed event: " + cause.getMessage(), cause);
        }
    }
}
