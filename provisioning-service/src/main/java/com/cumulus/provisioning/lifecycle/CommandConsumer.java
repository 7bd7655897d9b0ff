package com.cumulus.provisioning.lifecycle;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.persistence.FlushAtCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker: commands on {@code provisioning.commands} arrive in polled batches, cut into chunks of whole keys
 * (one service's commands stay together and in order; {@code commands.chunk-size}); chunks are claimed concurrently
 * ({@code commands.concurrency}), each in one transaction on its own Vert.x context (own session). The batch is
 * acknowledged once every record in it is handled.
 * <p>
 * Each command is claimed once (Inbox, by event id) in a transaction that also takes the first steps that need no
 * driver (e.g. {@code starting → provisioning}, with their events) under the service's row lock; the driver steps
 * then run in the background. Commands only wake the engine: the persisted desired state says what to do, so a
 * stale or repeated command is a no-op.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    public static final String CONSUMER = "provisioning-worker";

    private final Inbox inbox;
    private final LifecycleEngine engine;
    private final Detached detached;
    private final int concurrency;
    private final int chunkSize;

    public CommandConsumer(Inbox inbox, LifecycleEngine engine, Detached detached, ProvisioningConfig config) {
        this.inbox = inbox;
        this.engine = engine;
        this.detached = detached;
        this.concurrency = Math.max(1, config.commands().concurrency());
        this.chunkSize = Math.max(1, config.commands().chunkSize());
    }

    @Incoming("provisioning-commands")
    public Uni<Void> onCommands(ConsumerRecords<String, String> records) {
        // keys (service ids) in the order PostgreSQL sorts uuids, so every transaction that locks several services
        // (claim chunks, group commits, organization deletion) locks them in the same order: no deadlock
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            byKey.computeIfAbsent(record.key() == null ? "" : record.key(), k -> new ArrayList<>())
                    .add(record.value());
        }
        if (byKey.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // chunks of whole keys: one service's commands stay in one chunk, in order
        List<Chunk> chunks = new ArrayList<>();
        Chunk chunk = new Chunk(new ArrayList<>(), new ArrayList<>());
        for (Map.Entry<String, List<String>> entry : byKey.entrySet()) {
            List<String> values = entry.getValue();
            if (!chunk.values().isEmpty() && chunk.values().size() + values.size() > chunkSize) {
                chunks.add(chunk);
                chunk = new Chunk(new ArrayList<>(), new ArrayList<>());
            }
            UUID serviceId = uuid(entry.getKey());
            if (serviceId != null) {
                chunk.serviceIds().add(serviceId);
            }
            chunk.values().addAll(values);
        }
        chunks.add(chunk);
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUni(c -> detached.call(() -> claimChunk(c)))
                .merge(concurrency)
                .collect().last()
                .replaceWithVoid();
    }

    private record Claim(CloudEvent event, LifecycleEngine.Plan plan) {
    }

    /** Commands of whole keys, in key order; {@code serviceIds} are the keys (service ids) of the chunk. */
    private record Chunk(List<UUID> serviceIds, List<String> values) {
    }

    private static UUID uuid(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Claims a chunk in one transaction (each command through the Inbox, which joins it); the engine is woken once it
     * committed. The chunk's services are locked up front by one query (in id order, like every multi-service lock),
     * so each command finds its service already locked in the session; the services' changes are flushed once, at
     * commit, batched. If the transaction fails, the chunk is claimed one command at a time instead.
     */
    private Uni<Void> claimChunk(Chunk chunk) {
        List<String> values = chunk.values();
        List<Claim> claims = new ArrayList<>();
        return Panache.withTransaction(() -> {
                    Uni<Void> chain = FlushAtCommit.apply().chain(() -> engine.lockAll(chunk.serviceIds()))
                            .replaceWithVoid();
                    for (String json : values) {
                        chain = chain.chain(() -> inbox.handleOnce(CONSUMER, json, event -> claim(event)
                                .invoke(plan -> claims.add(new Claim(event, plan)))).replaceWithVoid());
                    }
                    return chain;
                })
                .invoke(() -> claims.forEach(c -> dispatch(c.event(), c.plan())))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("claiming %d commands together failed (%s); claiming them one by one", values.size(),
                            failure.getMessage());
                    return inOrder(values);
                });
    }

    private Uni<LifecycleEngine.Plan> claim(CloudEvent event) {
        UUID serviceId = serviceId(event);
        if (serviceId == null || isSideCommand(event)) {
            return Uni.createFrom().nullItem();
        }
        return engine.settleLocked(serviceId);
    }

    private Uni<Void> inOrder(List<String> values) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String json : values) {
            chain = chain.chain(() -> detached.call(() -> onCommand(json)));
        }
        return chain;
    }

    /** Claims one command (once per event id) and wakes the engine; never fails (recovery resumes what is lost). */
    public Uni<Void> onCommand(String json) {
        AtomicReference<CloudEvent> claimed = new AtomicReference<>();
        AtomicReference<LifecycleEngine.Plan> plan = new AtomicReference<>();
        return inbox.handleOnce(CONSUMER, json, event -> {
                    claimed.set(event);
                    plan.set(null);
                    return claim(event).invoke(plan::set);
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .invoke(handled -> {
                    if (handled) {
                        dispatch(claimed.get(), plan.get());
                    }
                })
                .onFailure().invoke(e -> LOG.errorf(e, "command could not be claimed; recovery will resume it"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void dispatch(CloudEvent event, LifecycleEngine.Plan plan) {
        UUID serviceId = serviceId(event);
        if (serviceId == null) {
            return;
        }
        switch (command(event)) {
            case "scale" -> engine.kickScale(serviceId);
            case "password" -> engine.kickPassword(serviceId);
            default -> engine.continueWith(serviceId, plan);
        }
    }

    private static boolean isSideCommand(CloudEvent event) {
        String command = command(event);
        return "scale".equals(command) || "password".equals(command);
    }

    private static String command(CloudEvent event) {
        return event.data() == null ? "" : event.data().path("command").asText("");
    }

    private static UUID serviceId(CloudEvent event) {
        if (event == null || event.data() == null || !event.data().hasNonNull("serviceId")) {
            return null;
        }
        try {
            return UUID.fromString(event.data().get("serviceId").asText());
        } catch (IllegalArgumentException e) {
            LOG.warnf("command %s names no valid service id", event.id());
            return null;
        }
    }
}
