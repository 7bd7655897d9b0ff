package com.cumulus.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * CloudEvents 1.0 envelope in structured JSON mode. {@code subject} carries the aggregate id, which is also the
 * Kafka record key; {@code requestid} is an extension attribute carrying the request id that caused the event.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String requestid,
        String actorid,
        String actortype,
        String sourceip,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static CloudEvent of(String source, String type, String subject, String requestId, String actorId,
                                JsonNode data) {
        return of(source, type, subject, requestId, actorId, null, null, data);
    }

    public static CloudEvent of(String source, String type, String subject, String requestId, String actorId,
                                String actorType, String sourceIp, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(), JSON, requestId, actorId, actorType, sourceIp, data);
    }
}
