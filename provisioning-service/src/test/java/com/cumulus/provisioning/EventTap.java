package com.cumulus.provisioning;

import com.cumulus.common.events.CloudEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/** Reads a topic from the beginning with a real Kafka consumer; tests filter by record key. */
public final class EventTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> task;

    public EventTap(String topic) {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        task = kafka.consumeStrings().fromTopics(topic);
    }

    public static EventTap events() {
        return new EventTap("provisioning.events");
    }

    public List<ConsumerRecord<String, String>> records(String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    public List<CloudEvent> of(String key) {
        return records(key).stream().map(r -> parse(r.value())).toList();
    }

    /** "type:previousState>state" for state changes, the type's event name otherwise. */
    public List<String> story(String key) {
        return of(key).stream().map(e -> {
            String name = e.type().replace("com.cumulus.provisioning.", "").replace(".v1", "");
            if (name.equals("service.state-changed")) {
                return e.data().path("previousState").asText() + ">" + e.data().path("state").asText();
            }
            return name;
        }).toList();
    }

    public static CloudEvent parse(String json) {
        try {
            return JSON.readValue(json, CloudEvent.class);
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
