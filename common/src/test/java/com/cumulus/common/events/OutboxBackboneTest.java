package com.cumulus.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxBackboneTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;
    String topic;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
        topic = "backbone-" + UUID.randomUUID();
        // created up front: a producer racing the broker's auto-creation of the topic can fail with
        // OutOfOrderSequenceException on a loaded machine
        kafka.topics().createAndWait(topic, 3);
        relay.start();
    }

    @AfterEach
    void tearDown() {
        relay.start();
        kafka.close();
    }

    private Uni<CloudEvent> writeEntry(String account, long amount) {
        LedgerEntry entry = LedgerEntry.of(account, amount);
        return entry.persist().chain(() -> outbox.record(topic, "com.cumulus.test.ledger.credited.v1",
                entry.id.toString(), Map.of("account", account, "amount", amount), "tester"));
    }

    private CloudEvent commit(String account, long amount) {
        return onVertx(() -> Panache.withTransaction(() -> writeEntry(account, amount)));
    }

    private long pendingRows() {
        return pool.query("select count(*) from outbox_event").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    @Test
    void committedEventAppearsOnKafkaAsCloudEventKeyedByAggregate() {
        CloudEvent written = commit("alice", 10);

        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(topic, 1).awaitCompletion(WAIT);
        ConsumerRecord<String, String> record = task.getFirstRecord();
        CloudEvent received = codec.read(record.value());

        assertThat(record.key()).isEqualTo(written.subject());
        assertThat(received.id()).isEqualTo(written.id());
        assertThat(received.specversion()).isEqualTo("1.0");
        assertThat(received.type()).isEqualTo("com.cumulus.test.ledger.credited.v1");
        assertThat(received.source()).isEqualTo("/backbone-test");
        assertThat(received.actorid()).isEqualTo("tester");
        assertThat(received.data().get("amount").asLong()).isEqualTo(10);
        assertThat(new String(record.headers().lastHeader("content-type").value()))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void aPublishedRowLeavesTheTableOnTheNextCycleAndIsSentOnce() {
        CloudEvent written = commit("cleared", 3);
        kafka.consumeStrings().fromTopics(topic, 1).awaitCompletion(WAIT);

        // the relay deletes acknowledged rows with its next read; with no other commit, the periodic poll runs it
        await().atMost(WAIT).until(() -> rowsWithEventId(written.id()) == 0);
        CloudEvent next = commit("cleared", 4);
        List<ConsumerRecord<String, String>> records = kafka.consumeStrings().fromTopics(topic, 2)
                .awaitCompletion(WAIT).getRecords();
        assertThat(records).extracting(r -> codec.read(r.value()).id()).containsExactlyInAnyOrder(written.id(), next.id());
    }

    private long rowsWithEventId(String eventId) {
        return pool.preparedQuery("select count(*) from outbox_event where event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId)))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        assertThatThrownBy(() -> onVertx(() -> Panache.withTransaction(() -> writeEntry("rollback", 1)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("use case failed"))))))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        // A later committed event on the same topic proves the relay ran past the point the first one would be.
        CloudEvent marker = commit("marker", 2);

        List<ConsumerRecord<String, String>> records = kafka.consumeStrings().fromTopics(topic, 1)
                .awaitCompletion(WAIT).getRecords();
        assertThat(records).hasSize(1);
        assertThat(codec.read(records.get(0).value()).id()).isEqualTo(marker.id());
        assertThat(count("rollback")).isZero();
    }

    @Test
    void stoppedRelayPublishesEveryPendingRowInOrderAfterRestart() {
        relay.stop();
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> commit("pending", i).id()).toList();
        assertThat(pendingRows()).isGreaterThanOrEqualTo(50);

        relay.start();

        List<ConsumerRecord<String, String>> records = kafka.consumeStrings().fromTopics(topic, 50)
                .awaitCompletion(WAIT).getRecords();
        assertThat(records).extracting(r -> codec.read(r.value()).id()).containsExactlyInAnyOrderElementsOf(ids);
        // one partition per key: check order among those that share a partition
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            List<Integer> positions = records.stream().filter(r -> r.partition() == p)
                    .map(r -> ids.indexOf(codec.read(r.value()).id())).toList();
            assertThat(positions).isSorted();
        }
    }

    @Test
    void consumerFedTheSameEventTwiceAppliesItOnce() {
        String account = "idem-" + UUID.randomUUID();
        CloudEvent event = CloudEvent.of("/test", "com.cumulus.test.ledger.credited.v1", account, null, null,
                mapper.valueToTree(Map.of("account", account, "amount", 7)));
        CloudEvent marker = CloudEvent.of("/test", "com.cumulus.test.ledger.credited.v1", account, null, null,
                mapper.valueToTree(Map.of("account", account + "-marker", "amount", 1)));
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>("ledger.commands", account, codec.write(event)),
                new ProducerRecord<>("ledger.commands", account, codec.write(event)),
                new ProducerRecord<>("ledger.commands", account, codec.write(marker))).awaitCompletion(WAIT);

        await().atMost(WAIT).until(() -> count(account + "-marker") == 1);
        assertThat(count(account)).isEqualTo(1);
    }

    private long count(String account) {
        return onVertx(() -> Panache.withSession(() -> LedgerEntry.count("account", account)));
    }

    /** Hibernate Reactive needs a Vert.x context; tests run on JUnit's thread. */
    private static <T> T onVertx(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
