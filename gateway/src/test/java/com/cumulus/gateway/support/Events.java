package com.cumulus.gateway.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Publishes CloudEvents the way identity and catalog do (docs/events.md), for the gateway to consume. */
public final class Events {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Events() {
    }

    public static void publish(KafkaCompanion kafka, String topic, String type, String key, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/" + topic.replace(".events", ""));
        event.put("type", type);
        event.put("subject", key);
        event.put("time", OffsetDateTime.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, MAPPER.writeValueAsString(event)))
                    .awaitCompletion(Duration.ofSeconds(10));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
