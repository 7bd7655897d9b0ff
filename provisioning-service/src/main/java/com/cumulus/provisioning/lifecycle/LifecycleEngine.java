package com.cumulus.provisioning.lifecycle;

import com.cumulus.provisioning.driver.DriverException;
import com.cumulus.provisioning.driver.DriverSelector;
import com.cumulus.provisioning.driver.ServiceDriver;
import com.cumulus.provisioning.driver.ServiceSpec;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import com.cumulus.provisioning.service.domain.StateMachine;
import com.cumulus.provisioning.service.domain.StateMachine.Step;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.Set;
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
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final Set<UUID> rerun = ConcurrentHashMap.newKeySet();

    public LifecycleEngine(DriverSelector drivers, ProvisioningEvents events, Detached detached) {
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

    private Uni<Void> loop(UUID serviceId) {
        rerun.remove(serviceId);
        return step(serviceId).chain(progressed -> progressed ? loop(serviceId) : Uni.createFrom().voidItem());
    }

    /** One step; true when something changed (or may have) and the engine should look again. */
    Uni<Boolean> step(UUID serviceId) {
        return Panache.withSession(() -> ManagedService.<ManagedService>findById(serviceId)).chain(service -> {
            if (service == null) {
                return Uni.createFrom().item(false);
            }
            Step step = StateMachine.next(service.state, service.desiredState, service.provisioned);
            if (step == null) {
                return Uni.createFrom().item(false);
            }
            if (!step.callsDriver()) {
                return transition(serviceId, step.from(), step.to(), null, false).replaceWith(true);
            }
            ServiceSpec spec = ServiceSpec.of(service);
            return Detached.backOnContext(call(step.operation(), spec))
                    .replaceWith((String) null)
                    .onFailure().recoverWithItem(LifecycleEngine::reason)
                    .chain(failure -> failure == null
                            ? transition(serviceId, step.from(), step.to(), null, true)
                            : transition(serviceId, step.from(), step.onFailure(), failure, false))
                    .replaceWith(true);
        });
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
        return Panache.withTransaction(() -> ManagedService.<ManagedService>findById(serviceId,
                LockModeType.PESSIMISTIC_WRITE).chain(service -> {
                    if (service == null || !from.equals(service.state)) {
                        return Uni.createFrom().item(false);
                    }
                    service.state = to;
                    service.stateReason = reason;
                    service.updatedAt = OffsetDateTime.now();
                    if (succeeded && ServiceState.RUNNING.equals(to)) {
                        service.provisioned = true;
                    }
                    if (reason != null) {
                        LOG.warnf("service %s: %s -> %s: %s", serviceId, from, to, reason);
                    }
                    Uni<?> written = events.stateChanged(service, from, null);
                    if (ServiceState.TERMINATED.equals(to)) {
                        written = written.chain(() -> events.deleted(service, null));
                    }
                    return written.replaceWith(true);
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
