package com.cumulus.provisioning.lifecycle;

import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.driver.DriverException;
import com.cumulus.provisioning.driver.DriverSelector;
import com.cumulus.provisioning.driver.ServiceDriver;
import com.cumulus.provisioning.driver.ServiceSpec;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.persistence.FlushAtCommit;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import com.cumulus.provisioning.service.domain.StateMachine;
import com.cumulus.provisioning.service.domain.StateMachine.Step;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves services toward their desired state, one persisted step at a time. Each step reads the service, asks
 * {@link StateMachine#next} what to do, calls the driver outside any transaction, then commits the new state and its
 * state-changed event together, guarded by a row lock and the expected previous state (so a repeated or concurrent
 * step changes nothing twice). A crash between steps is resumed from the persisted state by {@link Recovery}.
 */
@ApplicationScoped
public class LifecycleEngine {

    private static final Logger LOG = Logger.getLogger(LifecycleEngine.class);

    private final DriverSelector drivers;
    private final ProvisioningEvents events;
    private final Detached detached;
    private final ProvisioningConfig config;
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final Set<UUID> rerun = ConcurrentHashMap.newKeySet();
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger flushing = new AtomicInteger();

    public LifecycleEngine(DriverSelector drivers, ProvisioningEvents events, Detached detached,
                           ProvisioningConfig config) {
        this.config = config;
        this.drivers = drivers;
        this.events = events;
        this.detached = detached;
    }

    /** Drives the service in the background. */
    public void kick(UUID serviceId) {
        detached.run("driving service " + serviceId, () -> drive(serviceId));
    }

    /** Applies the service's current scaling in the background (no state change unless the driver fails). */
    public void kickScale(UUID serviceId) {
        detached.run("scaling service " + serviceId, () -> apply(serviceId, ServiceDriver::scale, "scale"));
    }

    /** Applies the service's current password hash in the background. */
    public void kickPassword(UUID serviceId) {
        detached.run("password of service " + serviceId, () -> apply(serviceId, ServiceDriver::updatePassword,
                "password update"));
    }

    /** Drives until the service rests; a call while it is already being driven here makes that drive look again. */
    public Uni<Void> drive(UUID serviceId) {
        if (!active.add(serviceId)) {
            rerun.add(serviceId);
            return Uni.createFrom().voidItem();
        }
        return loop(serviceId)
                .onTermination().call(() -> {
                    active.remove(serviceId);
                    return rerun.remove(serviceId) ? drive(serviceId) : Uni.createFrom().voidItem();
                });
    }

    /**
     * Inside a transaction: locks these services for update in id order (the order every multi-service lock takes,
     * so two such transactions cannot deadlock) and returns those that exist.
     */
    Uni<List<ManagedService>> lockAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ManagedService.<ManagedService>find("id in ?1 order by id", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Inside the caller's transaction (the command claim): takes the steps that need no driver under the row lock and
     * returns what comes next, for {@link #continueWith} once that transaction committed.
     */
    public Uni<Plan> settleLocked(UUID serviceId) {
        return locked(serviceId).chain(service -> service == null ? Uni.createFrom().nullItem() : settle(service));
    }

    /** Runs a committed plan in the background (or makes the drive already running here look again). */
    public void continueWith(UUID serviceId, Plan plan) {
        if (plan == null) {
            if (active.contains(serviceId)) {
                rerun.add(serviceId);
            }
            return;
        }
        detached.run("driving service " + serviceId, () -> {
            if (!active.add(serviceId)) {
                rerun.add(serviceId);
                return Uni.createFrom().voidItem();
            }
            rerun.remove(serviceId);
            return run(serviceId, plan).onTermination().call(() -> {
                active.remove(serviceId);
                return rerun.remove(serviceId) ? drive(serviceId) : Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * What the engine does next for a service: the driver step to run (with the spec it runs on), or a wait before a
     * terminate retry is due. A null plan means the service rests.
     */
    public record Plan(Step step, ServiceSpec spec, Duration delay) {
    }

    private Uni<Void> loop(UUID serviceId) {
        rerun.remove(serviceId);
        return Panache.withTransaction(() -> locked(serviceId).chain(service -> service == null
                        ? Uni.createFrom().nullItem() : settle(service)))
                .chain(plan -> run(serviceId, plan));
    }

    /** Runs the driver step of the plan, commits its outcome and goes on with the plan that commit returns. */
    private Uni<Void> run(UUID serviceId, Plan plan) {
        if (plan == null) {
            return Uni.createFrom().voidItem();
        }
        if (plan.delay() != null) {
            detached.runLater(plan.delay(), "retrying service " + serviceId, () -> drive(serviceId));
            return Uni.createFrom().voidItem();
        }
        return Detached.backOnContext(call(plan.step().operation(), plan.spec()))
                .replaceWith((String) null)
                .onFailure().recoverWithItem(LifecycleEngine::reason)
                .chain(failure -> commitBatched(serviceId, plan.step(), failure))
                .chain(next -> run(serviceId, next));
    }

    // ---------------------------------------------------------------- batched commits (group commit)

    private record Pending(UUID serviceId, Step step, String failure, CompletableFuture<Plan> result) {
    }

    /**
     * Queues a driver step's outcome for the next group commit: outcomes that finish while a commit transaction is
     * running are committed together in the next one (one transaction, the rows locked in id order, each with its
     * event), so a burst of transitions costs a few transactions instead of one each, and a lone one waits for nothing.
     */
    Uni<Plan> commitBatched(UUID serviceId, Step step, String failure) {
        CompletableFuture<Plan> result = new CompletableFuture<>();
        pending.add(new Pending(serviceId, step, failure, result));
        flushIfIdle();
        return Detached.backOnContext(Uni.createFrom().completionStage(result));
    }

    private void flushIfIdle() {
        while (true) {
            int running = flushing.get();
            if (running >= config.commits().parallelism() || pending.isEmpty()) {
                return;
            }
            if (flushing.compareAndSet(running, running + 1)) {
                break;
            }
        }
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < config.commits().batchSize() && (next = pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            flushing.decrementAndGet();
            return;
        }
        detached.call(() -> flush(batch)).subscribe().with(ok -> flushed(), failure -> flushed());
    }

    private void flushed() {
        flushing.decrementAndGet();
        flushIfIdle();
    }

    /** One transaction for the batch; if it fails, each outcome is committed on its own (same rules). */
    private Uni<Void> flush(List<Pending> batch) {
        Map<UUID, Plan> plans = new HashMap<>();
        List<UUID> ids = batch.stream().map(Pending::serviceId).distinct().sorted().toList();
        return Panache.withTransaction(() -> FlushAtCommit.apply().chain(() -> lockAll(ids))
                        .chain(services -> {
                            Map<UUID, ManagedService> byId = new HashMap<>();
                            services.forEach(s -> byId.put(s.id, s));
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Pending p : batch) {
                                chain = chain.chain(() -> commitLocked(byId.get(p.serviceId()), p.step(),
                                        p.failure()).invoke(plan -> plans.put(p.serviceId(), plan))).replaceWithVoid();
                            }
                            return chain;
                        }))
                .invoke(() -> batch.forEach(p -> p.result().complete(plans.get(p.serviceId()))))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("group commit of %d transitions failed (%s); committing them one by one", batch.size(),
                            failure.getMessage());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Pending p : batch) {
                        chain = chain.chain(() -> detached.call(() -> commit(p.serviceId(), p.step(), p.failure()))
                                .invoke(plan -> p.result().complete(plan))
                                .onFailure().invoke(e -> p.result().completeExceptionally(e))
                                .onFailure().recoverWithNull().replaceWithVoid());
                    }
                    return chain;
                });
    }

    /**
     * Inside a transaction holding the row lock: applies every step that needs no driver (each with its
     * state-changed event) and returns the next driver step, or null when the service rests.
     */
    Uni<Plan> settle(ManagedService service) {
        Step step = next(service);
        if (step == null) {
            return Uni.createFrom().nullItem();
        }
        if (!step.callsDriver()) {
            return apply(service, step.to(), null, false).chain(() -> settle(service));
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (step.operation() == StateMachine.Operation.TERMINATE && service.nextAttemptAt != null
                && service.nextAttemptAt.isAfter(now)) {
            return Uni.createFrom().item(new Plan(step, null, Duration.between(now, service.nextAttemptAt)));
        }
        return Uni.createFrom().item(new Plan(step, ServiceSpec.of(service), null));
    }

    /**
     * Commits a driver step's outcome when the service is still where the step started (otherwise only looks at
     * where it is now), then settles. A failed terminate is retried with exponential backoff (no event: the service
     * stays {@code terminating}, its reason says which attempt failed) until {@code max-attempts}, then ends
     * {@code failed} with the reason.
     */
    Uni<Plan> commit(UUID serviceId, Step step, String failure) {
        return Panache.withTransaction(() -> locked(serviceId).chain(service -> commitLocked(service, step, failure)));
    }

    /** {@link #commit} on a service already locked in the current transaction (null when it is gone). */
    private Uni<Plan> commitLocked(ManagedService service, Step step, String failure) {
        if (service == null) {
            return Uni.createFrom().nullItem();
        }
        if (!step.from().equals(service.state)) {
            return settle(service);
        }
        Uni<Void> written;
        if (failure == null) {
            written = apply(service, step.to(), null, true);
        } else if (step.operation() == StateMachine.Operation.TERMINATE) {
            int attempts = service.terminateAttempts + 1;
            int max = Math.max(1, config.terminateRetry().maxAttempts());
            service.terminateAttempts = attempts;
            if (attempts < max) {
                Duration delay = backoff(attempts);
                service.nextAttemptAt = OffsetDateTime.now().plus(delay);
                service.stateReason = "terminate attempt " + attempts + " of " + max + " failed, next in "
                        + delay.toMillis() + " ms: " + failure;
                service.updatedAt = OffsetDateTime.now();
                LOG.warnf("service %s: %s", service.id, service.stateReason);
                written = Uni.createFrom().voidItem();
            } else {
                service.nextAttemptAt = null;
                written = apply(service, step.onFailure(),
                        "terminate failed after " + attempts + " attempts: " + failure, false);
            }
        } else {
            written = apply(service, step.onFailure(), failure, false);
        }
        return written.chain(() -> settle(service));
    }

    /** Delay after the n-th failed terminate attempt: initial * 2^(n-1), capped. */
    Duration backoff(int failedAttempts) {
        Duration initial = config.terminateRetry().initialDelay();
        Duration cap = config.terminateRetry().maxDelay();
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** The next step of this service, with its quota and terminate-retry guards. */
    public Step next(ManagedService s) {
        return StateMachine.next(s.state, s.desiredState, s.provisioned, s.awaitsQuota(),
                s.terminateAttempts >= Math.max(1, config.terminateRetry().maxAttempts()));
    }

    private static Uni<ManagedService> locked(UUID serviceId) {
        return ManagedService.findById(serviceId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Moves the (locked) service to {@code to} and writes its event(s). */
    private Uni<Void> apply(ManagedService service, String to, String reason, boolean succeeded) {
        String from = service.state;
        service.state = to;
        service.stateReason = reason;
        service.updatedAt = OffsetDateTime.now();
        if (succeeded) {
            service.resetAttempts();
            if (ServiceState.RUNNING.equals(to)) {
                service.provisioned = true;
            }
        }
        if (reason != null) {
            LOG.warnf("service %s: %s -> %s: %s", service.id, from, to, reason);
        }
        Uni<?> written = events.stateChanged(service, from, null);
        if (ServiceState.TERMINATED.equals(to)) {
            written = written.chain(() -> events.deleted(service, null));
        }
        return written.replaceWithVoid();
    }

    private Uni<Void> call(StateMachine.Operation operation, ServiceSpec spec) {
        ServiceDriver driver = drivers.driver();
        try {
            return switch (operation) {
                case PROVISION -> driver.provision(spec);
                case START -> driver.start(spec);
                case STOP -> driver.stop(spec);
                case TERMINATE -> driver.terminate(spec);
            };
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Commits from → to with its event(s) when the service is still in {@code from}; false otherwise. */
    public Uni<Boolean> transition(UUID serviceId, String from, String to, String reason, boolean succeeded) {
        return Panache.withTransaction(() -> locked(serviceId).chain(service -> {
            if (service == null || !from.equals(service.state)) {
                return Uni.createFrom().item(false);
            }
            return apply(service, to, reason, succeeded).replaceWith(true);
        }));
    }

    private Uni<Void> apply(UUID serviceId, java.util.function.BiFunction<ServiceDriver, ServiceSpec, Uni<Void>> op,
                            String what) {
        return Panache.withSession(() -> ManagedService.<ManagedService>findById(serviceId)).chain(service -> {
            if (service == null || !ServiceState.UP.contains(service.state)) {
                return Uni.createFrom().voidItem();
            }
            String state = service.state;
            Uni<Void> driven;
            try {
                driven = op.apply(drivers.driver(), ServiceSpec.of(service));
            } catch (RuntimeException e) {
                driven = Uni.createFrom().failure(e);
            }
            return Detached.backOnContext(driven).replaceWith((String) null)
                    .onFailure().recoverWithItem(LifecycleEngine::reason)
                    .chain(failure -> failure == null || ServiceState.DEGRADED.equals(state)
                            ? Uni.createFrom().voidItem()
                            : transition(serviceId, state, ServiceState.DEGRADED, what + " failed: " + failure, false)
                                    .replaceWithVoid());
        });
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof DriverException && message != null) {
            return message;
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** For tests and recovery: whether a drive of this service is in progress in this process. */
    public boolean isDriving(UUID serviceId) {
        return active.contains(serviceId);
    }
}
