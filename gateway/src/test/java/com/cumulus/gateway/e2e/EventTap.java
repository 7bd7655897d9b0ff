package com.cumulus.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A plain Kafka consumer on the suite's broker, as an outside consumer of the public event contract would run one:
 * its own consumer group, from the beginning of the topics, collecting the CloudEvents it reads.
 */
final class EventTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    EventTap(String bootstrap, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-story-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topics));
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            events.add(JSON.readTree(r.value()));
                        } catch (Exception notJson) {
                            // not a CloudEvent: not part of the contract we read
                        }
                    }
                }
            }
        }, "e2e-event-tap");
        poller.setDaemon(true);
        poller.start();
    }

    /** Events read so far whose {@code data.<field>} equals {@code value}. */
    List<JsonNode> about(String field, String value) {
        return events.stream().filter(e -> value.equals(e.path("data").path(field).asText(null))).toList();
    }

    /** Waits for an event matching the condition and returns it. */
    JsonNode await(String what, Predicate<JsonNode> condition) {
        return org.awaitility.Awaitility.await(what).atMost(Stories.EVENTUALLY).pollInterval(Duration.ofMillis(100))
                .until(() -> events.stream().filter(condition).findFirst().orElse(null), e -> e != null);
    }

    static Predicate<JsonNode> type(String type, String field, String value) {
        return e -> type.equals(e.path("type").asText()) && value.equals(e.path("data").path(field).asText(null));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
