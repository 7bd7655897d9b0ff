package com.cumulus.provisioning.lifecycle;

import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Idle scaling: a running service with {@code idleScaling} whose last change is older than its
 * {@code idleTimeoutMinutes} moves to {@code idle} (scaled to zero); {@code start} brings it back to running.
 * The scheduler runs the pass every {@code cumulus.provisioning.backups.check-every}; tests call {@link #run}.
 */
@ApplicationScoped
public class IdlePass {

    private final LifecycleEngine engine;
    private final ProvisioningConfig config;
    private final Detached detached;
    private final AtomicBoolean running = new AtomicBoolean();

    public IdlePass(LifecycleEngine engine, ProvisioningConfig config, Detached detached) {
        this.engine = engine;
        this.config = config;
        this.detached = detached;
    }

    @Scheduled(every = "${cumulus.provisioning.backups.check-every:1m}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.backups().scheduled() || !running.compareAndSet(false, true)) {
            return;
        }
        detached.run("idle pass", () -> run(OffsetDateTime.now()).eventually(() -> running.set(false)));
    }

    /** Moves every idle-eligible running service to {@code idle}; returns how many moved. */
    public Uni<Integer> run(OffsetDateTime now) {
        return Panache.withSession(() -> ManagedService.<ManagedService>list("state = ?1 and idleScaling = true",
                        ServiceState.RUNNING))
                .map(list -> list.stream()
                        .filter(s -> !s.updatedAt.plusMinutes(s.idleTimeoutMinutes).isAfter(now))
                        .map(s -> s.id).toList())
                .chain(ids -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (var id : List.copyOf(ids)) {
                        chain = chain.chain(count -> engine.transition(id, ServiceState.RUNNING, ServiceState.IDLE,
                                null, false).map(moved -> moved ? count + 1 : count));
                    }
                    return chain;
                });
    }
}
