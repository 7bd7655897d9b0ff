package com.cumulus.tenancy.quota;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Quota tests' Kafka side: sends provisioning's events to tenancy and reads what tenancy publishes on tenancy.events. */
final class QuotaEventChannels implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> tenancyEvents;

    QuotaEventChannels(String bootstrap, EventCodec codec) {
        this.codec = codec;
        this.kafka = new KafkaCompanion(bootstrap);
        this.tenancyEvents = kafka.consumeStrings().fromTopics("tenancy.events");
    }

    /** Publishes on provisioning.events, key = subject (the service id), as provisioning's relay does. */
    void sendAsProvisioning(CloudEvent... events) {
        @SuppressWarnings("unchecked")
        ProducerRecord<String, String>[] records = Arrays.stream(events)
                .map(e -> new ProducerRecord<>("provisioning.events", e.subject(), codec.write(e)))
                .toArray(ProducerRecord[]::new);
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    /** tenancy's events of these types for this organization (key = organizationId), in publication order. */
    List<CloudEvent> tenancyEvents(String organizationId, Set<String> types) {
        return tenancyEvents.getRecords().stream().filter(r -> organizationId.equals(r.key()))
                .map(r -> codec.read(r.value())).filter(e -> types.contains(e.type())).toList();
    }

    @Override
    public void close() {
        tenancyEvents.stop();
        kafka.close();
    }
}
