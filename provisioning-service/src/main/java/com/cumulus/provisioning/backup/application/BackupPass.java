package com.cumulus.provisioning.backup.application;

import com.cumulus.provisioning.backup.domain.BackupSchedule;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.driver.BackupOutcome;
import com.cumulus.provisioning.driver.DriverSelector;
import com.cumulus.provisioning.driver.ServiceSpec;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.lifecycle.Detached;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backup pass: takes the backups that are due (per each service's configuration) and expires those past their
 * retention, publishing backup.completed / backup.expired. The scheduler runs it every
 * {@code cumulus.provisioning.backups.check-every}; tests call {@link #run(OffsetDateTime)} with a chosen time.
 */
@ApplicationScoped
public class BackupPass {

    private static final Logger LOG = Logger.getLogger(BackupPass.class);

    /** What one pass did. */
    public record Outcome(int taken, int failed, int expired) {
    }

    private final DriverSelector drivers;
    private final ProvisioningEvents events;
    private final BackupUseCases backups;
    private final ProvisioningConfig config;
    private final Detached detached;
    private final AtomicBoolean running = new AtomicBoolean();

    public BackupPass(DriverSelector drivers, ProvisioningEvents events, BackupUseCases backups,
                      ProvisioningConfig config, Detached detached) {
        this.drivers = drivers;
        this.events = events;
        this.backups = backups;
        this.config = config;
        this.detached = detached;
    }

    @Scheduled(every = "${cumulus.provisioning.backups.check-every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.backups().scheduled() || !running.compareAndSet(false, true)) {
            return;
        }
        detached.run("backup pass", () -> run(OffsetDateTime.now()).eventually(() -> running.set(false)));
    }

    public Uni<Outcome> run(OffsetDateTime now) {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        return Panache.withSession(() -> ManagedService.<ManagedService>list("state in ?1",
                        List.copyOf(ServiceState.UP))
                .chain(services -> lastBackups().map(last -> services.stream()
                        .filter(s -> BackupSchedule.due(last.get(s.id), s.createdAt, backups.period(s),
                                s.backupStartTime, now))
                        .toList())))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ManagedService s : due) {
                        chain = chain.chain(() -> take(s, now).invoke(ok -> (ok ? taken : failed).incrementAndGet())
                                .replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> expire(now))
                .map(expired -> new Outcome(taken.get(), failed.get(), expired));
    }

    private Uni<Map<UUID, OffsetDateTime>> lastBackups() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select b.serviceId, max(b.startedAt) from ServiceBackup b group by b.serviceId", Object[].class)
                .getResultList()).map(rows -> {
                    Map<UUID, OffsetDateTime> last = new HashMap<>();
                    for (Object[] row : rows) {
                        last.put((UUID) row[0], (OffsetDateTime) row[1]);
                    }
                    return last;
                });
    }

    /** Takes one backup; true when it completed. */
    Uni<Boolean> take(ManagedService service, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        Uni<BackupOutcome> driven;
        try {
            driven = drivers.driver().backup(ServiceSpec.of(service), id);
        } catch (RuntimeException e) {
            driven = Uni.createFrom().failure(e);
        }
        return Detached.backOnContext(driven).map(outcome -> record(id, service, now, outcome))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("backup of service %s failed: %s", service.id, failure.getMessage());
                    return record(id, service, now, null);
                })
                .chain(backup -> Panache.withTransaction(() -> backup.persist()
                        .chain(() -> ServiceBackup.DONE.equals(backup.status)
                                ? events.backupCompleted(backup, service).replaceWithVoid()
                                : Uni.createFrom().voidItem()))
                        .replaceWith(ServiceBackup.DONE.equals(backup.status)));
    }

    private static ServiceBackup record(UUID id, ManagedService service, OffsetDateTime now, BackupOutcome outcome) {
        ServiceBackup b = new ServiceBackup();
        b.id = id;
        b.serviceId = service.id;
        b.organizationId = service.organizationId;
        b.region = service.region;
        b.tier = service.tier;
        b.type = ServiceBackup.FULL;
        b.startedAt = now;
        if (outcome != null) {
            b.status = ServiceBackup.DONE;
            b.durationInSeconds = outcome.durationInSeconds();
            b.sizeInBytes = outcome.sizeInBytes();
            b.finishedAt = now.plusSeconds(outcome.durationInSeconds());
        } else {
            b.status = ServiceBackup.ERROR;
            b.finishedAt = now;
        }
        return b;
    }

    /** Deletes backups past their service's retention, each with a backup.expired event. */
    Uni<Integer> expire(OffsetDateTime now) {
        return Panache.withTransaction(() -> ServiceBackup.<ServiceBackup>list("finishedAt <= ?1", now)
                .chain(candidates -> {
                    if (candidates.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<UUID> serviceIds = candidates.stream().map(b -> b.serviceId).distinct().toList();
                    return ManagedService.<ManagedService>list("id in ?1", serviceIds).chain(services -> {
                        Map<UUID, ManagedService> byId = new HashMap<>();
                        services.forEach(s -> byId.put(s.id, s));
                        AtomicInteger count = new AtomicInteger();
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (ServiceBackup b : candidates) {
                            ManagedService s = byId.get(b.serviceId);
                            int retention = s != null ? backups.retention(s)
                                    : config.backups().defaultRetentionHours();
                            if (!BackupSchedule.expired(b.finishedAt, retention, now)) {
                                continue;
                            }
                            count.incrementAndGet();
                            chain = chain.chain(() -> (ServiceBackup.DONE.equals(b.status)
                                    ? events.backupExpired(b, s).replaceWithVoid() : Uni.createFrom().voidItem())
                                    .chain(() -> b.delete()));
                        }
                        return chain.map(x -> count.get());
                    });
                }));
    }
}
