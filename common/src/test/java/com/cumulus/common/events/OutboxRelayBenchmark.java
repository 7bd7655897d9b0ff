package com.cumulus.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox relay figures against the real embedded PostgreSQL and Kafka (run by deploy/bench/outbox-relay):
 * <ol>
 *   <li>throughput: rows pending while the relay is stopped, then drained to Kafka: events/s;</li>
 *   <li>latency: single-event transactions committed at a steady rate while the relay runs; latency is the broker's
 *   log-append time minus the moment the commit returned (same clock), p50/p99.</li>
 * </ol>
 * Prints figures; asserts only completeness (every event arrived), never time.
 */
@QuarkusTest
@Tag("benchmark")
class OutboxRelayBenchmark {

    private static final int DRAIN_EVENTS = Integer.getInteger("bench.drain.events", 50_000);
    private static final int LATENCY_EVENTS = Integer.getInteger("bench.latency.events", 5_000);
    private static final int LATENCY_RATE = Integer.getInteger("bench.latency.rate", 1_000);

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void relayThroughputAndCommitToKafkaLatency() throws Exception {
        String drainTopic = createTopic();
        relay.stop();
        int batch = 500;
        for (int written = 0; written < DRAIN_EVENTS; written += batch) {
            int count = Math.min(batch, DRAIN_EVENTS - written);
            onVertx(() -> Panache.withTransaction(() -> Multi.createFrom().range(0, count)
                    .onItem().transformToUniAndConcatenate(i -> outbox.record(drainTopic, "bench.v1",
                            UUID.randomUUID().toString(), Map.of("i", i), null))
                    .collect().last()));
        }
        try (KafkaConsumer<String, String> consumer = consumer(drainTopic)) {
            long start = System.nanoTime();
            relay.start();
            int received = 0;
            long giveUp = start + Duration.ofMinutes(10).toNanos();
            while (received < DRAIN_EVENTS && System.nanoTime() < giveUp) {
                received += consumer.poll(Duration.ofMillis(100)).count();
            }
            assertThat(received).isEqualTo(DRAIN_EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;
            report(String.format("relay drain: %d events in %.2f s = %.0f events/s (batch %d)",
                    DRAIN_EVENTS, seconds, DRAIN_EVENTS / seconds, 1000));
        }

        String latencyTopic = createTopic();
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> consumer = consumer(latencyTopic)) {
            consumer.poll(Duration.ofMillis(200));
            int writers = 4;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writerIndex = w;
                threads.add(new Thread(() -> {
                    long intervalNanos = 1_000_000_000L * writers / LATENCY_RATE;
                    long next = System.nanoTime();
                    for (int i = writerIndex; i < LATENCY_EVENTS; i += writers) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        next += intervalNanos;
                        String key = "k" + i;
                        try {
                            CloudEvent event = onVertx(() -> Panache.withTransaction(() -> outbox.record(
                                    latencyTopic, "bench.v1", key, Map.of("i", 1), null)));
                            committedAt.put(event.id(), System.currentTimeMillis());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (received < LATENCY_EVENTS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    received++;
                    String id = record.value().substring(record.value().indexOf("\"id\":\"") + 6);
                    id = id.substring(0, id.indexOf('"'));
                    Long commit = committedAt.get(id);
                    if (commit != null) {
                        latencies.add(Math.max(0, record.timestamp() - commit));
                    }
                }
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(received).isEqualTo(LATENCY_EVENTS);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        report(String.format("commit-to-Kafka latency at %d events/s (single-event transactions, %d samples): "
                        + "p50 %d ms, p99 %d ms, max %d ms", LATENCY_RATE, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 99), sorted.get(sorted.size() - 1)));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private String createTopic() throws Exception {
        String topic = "bench-" + UUID.randomUUID();
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
        }
        return topic;
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void report(String line) throws Exception {
        System.out.println("[benchmark] " + line);
        Path out = Path.of("target/benchmark-outbox-relay.txt");
        Files.writeString(out, line + System.lineSeparator(), Files.exists(out)
                ? new java.nio.file.OpenOption[]{java.nio.file.StandardOpenOption.APPEND}
                : new java.nio.file.OpenOption[]{java.nio.file.StandardOpenOption.CREATE});
    }

    private static <T> T onVertx(java.util.function.Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new Exception(e);
        }
    }
}
