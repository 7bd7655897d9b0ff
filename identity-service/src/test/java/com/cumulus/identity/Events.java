package com.cumulus.identity;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Reads identity.events (published by the outbox relay) from the real Kafka broker. */
public final class Events {

    private Events() {
    }

    /** Waits for an event of {@code type} whose JSON contains {@code needle}; returns the record value. */
    public static String awaitEvent(String bootstrap, String type, String needle) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics("identity.events");
            try {
                String[] found = new String[1];
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    Optional<String> hit = task.getRecords().stream().map(ConsumerRecord::value)
                            .filter(v -> v.contains("\"type\":\"" + type + "\"") && v.contains(needle)).findFirst();
                    hit.ifPresent(v -> found[0] = v);
                    return hit.isPresent();
                });
                return found[0];
            } finally {
                task.stop();
            }
        }
    }
}
