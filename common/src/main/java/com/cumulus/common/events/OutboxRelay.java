package com.cumulus.common.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then deletes them.
 * <p>
 * A commit wakes the relay through PostgreSQL LISTEN/NOTIFY (a statement trigger on {@code outbox_event});
 * a periodic poll is the safety net. One cycle runs at a time per instance, and where {@code min-interval} is set,
 * cycles start at most once per interval, so a stream of commits is relayed in batches rather than one cycle each.
 * The instance whose dedicated connection holds a session advisory lock is the only publisher among the replicas (if
 * that connection drops, PostgreSQL releases the lock and another replica takes over), so rows leave in id order. Rows
 * are deleted only after Kafka acknowledged them (idempotent producer, acks=all, through the {@code outbox} channel), by
 * the next cycle's statement, which deletes the acknowledged rows and reads the next batch in one round trip (the
 * periodic poll runs that cycle when no commit does): a crash or a change of publisher before then re-publishes the
 * last batch, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "outbox_event";
    private static final String OUTGOING_CHANNEL = "outbox";
    private static final long ADVISORY_LOCK_KEY = 0x0C0FFEE_0B0BL;
    private static final byte[] CONTENT_TYPE = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);
    /**
     * Deletes the rows the previous cycle published and reads the next batch, in one statement: its select sees the
     * table as it was before the delete, hence the exclusion.
     */
    private static final String DELETE_AND_READ = "with published as (delete from outbox_event where id = any($1))"
            + " select id, topic, aggregate_id, payload, created_at from outbox_event where id <> all($1)"
            + " order by id limit $2";
    private static final String DELETE = "delete from outbox_event where id = any($1)";

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final KafkaClientService kafkaClients;
    private volatile SqlConnection leader;
    private final Timer lag;
    private final String datasourceUrl;
    private final String username;
    private final Optional<String> password;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean rerun = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean deferred = new AtomicBoolean();
    private volatile long lastCycleStart = System.nanoTime() - Duration.ofDays(1).toNanos();
    private final AtomicLong published = new AtomicLong();
    /** Ids of the rows Kafka has acknowledged, which the next cycle (or giving up the lock) deletes. */
    private volatile Long[] acknowledgedIds = new Long[0];
    private volatile OffsetDateTime lastSuccess;
    private volatile String lastError;
    private PgSubscriber subscriber;
    private long timerId = -1;

    /**
     * {@code channel} is the {@code outbox} channel's emitter, unused but for wiring: it gives the channel's Kafka sink,
     * whose configured producer (mp.messaging.outgoing.outbox.*) the relay sends through, an upstream.
     */
    public OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config, MeterRegistry registry,
                       KafkaClientService kafkaClients,
                       @Channel(OUTGOING_CHANNEL) MutinyEmitter<String> channel,
                       @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
                       @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String username,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.vertx = vertx;
        this.kafkaClients = kafkaClients;
        this.config = config;
        this.datasourceUrl = datasourceUrl;
        this.username = username;
        this.password = password;
        this.lag = Timer.builder("cumulus.outbox.publish.lag")
                .description("time from outbox insert to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void onStart(@Observes StartupEvent ignored) {
        if (!config.relay().enabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stop();
    }


    /** Starts listening and polling; pending rows from before a restart are published on the first cycle. */
    public synchronized void start() {
        paused.set(false);
        if (timerId < 0) {
            timerId = vertx.setPeriodic(config.relay().pollInterval().toMillis(), id -> trigger());
        }
        if (subscriber == null) {
            String uri = config.relay().listenUrl().orElse(datasourceUrl.replaceFirst("^vertx-reactive:", ""));
            PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username);
            password.ifPresent(options::setPassword);
            subscriber = PgSubscriber.subscriber(vertx, options)
                    .reconnectPolicy(retries -> config.relay().retryDelay().toMillis());
            subscriber.channel(CHANNEL).handler(payload -> trigger());
            subscriber.connect().subscribe().with(
                    ok -> LOG.debugf("outbox relay listening on %s", CHANNEL),
                    err -> LOG.warnf("outbox relay could not LISTEN (%s); polling only", err.getMessage()));
        }
        cycle();
    }

    /** Stops publishing (rows keep accumulating in the table). Used on shutdown and by failure tests. */
    public synchronized void stop() {
        paused.set(true);
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        if (subscriber != null) {
            PgSubscriber closing = subscriber;
            subscriber = null;
            closing.close().subscribe().with(x -> { }, err -> { });
        }
        releaseLeadership();
    }

    /** Gives up the publisher lock; on a clean stop the acknowledged rows are deleted first. */
    private void releaseLeadership() {
        SqlConnection held = leader;
        leader = null;
        Long[] toDelete = acknowledgedIds;
        acknowledgedIds = new Long[0];
        if (held != null) {
            Uni<Void> cleared = toDelete.length == 0 ? Uni.createFrom().voidItem()
                    : held.preparedQuery(DELETE).execute(Tuple.of((Object) toDelete)).replaceWithVoid()
                    .onFailure().recoverWithNull();
            cleared.chain(held::close).subscribe().with(x -> { }, err -> { });
        }
    }

    /** Whether this instance publishes now: it holds the publisher lock and is not paused. */
    public boolean leads() {
        return leader != null && !paused.get();
    }

    public boolean isRunning() {
        return !paused.get() && timerId >= 0;
    }

    public long publishedCount() {
        return published.get();
    }

    public Optional<OffsetDateTime> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Asks for a cycle: coalesces with one already running, and with others asked for within {@code min-interval} of
     * the last cycle's start (a timer starts the next one then).
     */
    public void trigger() {
        long wait = lastCycleStart + config.relay().minInterval().toNanos() - System.nanoTime();
        if (wait > 0) {
            if (deferred.compareAndSet(false, true)) {
                vertx.setTimer(Math.max(1, Duration.ofNanos(wait).toMillis()), id -> {
                    deferred.set(false);
                    cycle();
                });
            }
            return;
        }
        cycle();
    }

    /** Starts a cycle now unless one is running (then it reruns once done). */
    private void cycle() {
        if (paused.get()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            rerun.set(true);
            return;
        }
        rerun.set(false);
        lastCycleStart = System.nanoTime();
        drainOnce().subscribe().with(count -> {
            lastSuccess = OffsetDateTime.now();
            lastError = null;
            running.set(false);
            if (count >= config.relay().batchSize()) {
                cycle();
            } else if (rerun.get()) {
                trigger();
            }
        }, failure -> {
            lastError = failure.getMessage();
            LOG.warnf("outbox relay cycle failed, retrying: %s", failure.getMessage());
            releaseLeadership();
            running.set(false);
            vertx.setTimer(config.relay().retryDelay().toMillis(), id -> cycle());
        });
    }

    /** Publishes one batch if this instance is the leader; returns the number of rows published. */
    Uni<Integer> drainOnce() {
        return leadership().chain(connection -> connection == null
                ? Uni.createFrom().item(0)
                : publishBatch(connection));
    }

    /** The connection holding the publisher lock, or null while another replica holds it. */
    private Uni<SqlConnection> leadership() {
        if (leader != null) {
            return Uni.createFrom().item(leader);
        }
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(ADVISORY_LOCK_KEY))
                .map(rows -> {
                    if (rows.iterator().next().getBoolean(0)) {
                        leader = connection;
                        connection.closeHandler(() -> leader = null);
                        return connection;
                    }
                    connection.closeAndForget();
                    return null;
                }));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        Long[] toDelete = acknowledgedIds;
        return connection.preparedQuery(DELETE_AND_READ)
                .execute(Tuple.of(toDelete, config.relay().batchSize()))
                .chain(rows -> {
                    acknowledgedIds = new Long[0];
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Long[] ids = new Long[rows.size()];
                    int i = 0;
                    for (Row row : rows) {
                        ids[i++] = row.getLong("id");
                    }
                    return sendAll(rows).map(sent -> {
                        acknowledgedIds = ids;
                        published.addAndGet(ids.length);
                        return ids.length;
                    });
                });
    }

    private static ProducerRecord<String, String> record(Row row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE);
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("aggregate_id"),
                row.getString("payload"), headers);
    }

    /**
     * Hands the whole batch to the {@code outbox} channel's producer in one turn of its sending thread (a send may
     * block on metadata, so never on the event loop) and completes when Kafka has acknowledged every record, on the
     * producer's network thread: one hand-off each way per batch. Through the channel's emitter, each record took its
     * own turns of the sending thread and of the event loop, which on a core shared with password hashing cost more
     * than the sends (docs/identity-service.md, "Benchmark").
     */
    private Uni<Void> sendAll(RowSet<Row> rows) {
        KafkaProducer<String, String> producer = kafkaClients.getProducer(OUTGOING_CHANNEL);
        if (producer == null) {
            return Uni.createFrom().failure(new IllegalStateException("the outbox channel has no Kafka producer yet"));
        }
        return producer.runOnSendingThread(kafka -> {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            AtomicInteger unacknowledged = new AtomicInteger(rows.size());
            for (Row row : rows) {
                OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
                kafka.send(record(row), (metadata, error) -> {
                    if (error != null) {
                        acknowledged.completeExceptionally(error);
                        return;
                    }
                    lag.record(Duration.between(createdAt, OffsetDateTime.now()).abs());
                    if (unacknowledged.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            }
            return acknowledged;
        }).chain(acknowledged -> Uni.createFrom().completionStage(acknowledged));
    }
}
