package com.cumulus.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;


/** Reads catalog.events from Kafka (the outbox relay publishes after commit). */
public final class EventProbe implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> task;

    public EventProbe(String topic) {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        task = kafka.consumeStrings().fromTopics(topic);
    }

    public static EventProbe catalog() {
        return new EventProbe("catalog.events");
    }

    /** Waits for the {@code count}-th event of this type and key and returns every such event, oldest first. */
    public List<JsonNode> await(String type, String key, int count) {
        AtomicReference<List<JsonNode>> found = new AtomicReference<>(List.of());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.set(matching(type, key));
            return found.get().size() >= count;
        });
        return found.get();
    }

    public JsonNode one(String type, String key) {
        return await(type, key, 1).get(0);
    }

    public List<JsonNode> matching(String type, String key) {
        return task.getRecords().stream()
                .filter(r -> key == null || key.equals(r.key()))
                .map(ConsumerRecord::value)
                .map(EventProbe::parse)
                .filter(e -> type.equals(e.path("type").asText()))
                .filter(Objects::nonNull)
                .toList();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        task.stop();
        kafka.close();
    }
}
