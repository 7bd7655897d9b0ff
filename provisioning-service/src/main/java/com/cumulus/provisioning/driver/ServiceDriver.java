package com.cumulus.provisioning.driver;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * The SPI between the lifecycle engine and whatever runs services. Every operation must be idempotent (the engine
 * repeats an operation that was in flight when the process stopped) and must not block the calling thread.
 * A failure is reported as a failed Uni (ideally a {@link DriverException} whose message is the reason).
 */
public interface ServiceDriver {

    /** Name used by {@code cumulus.provisioning.driver}. */
    String name();

    /** Creates the service's resources (restoring {@link ServiceSpec#restoreFromBackupId()} when set) and starts it. */
    Uni<Void> provision(ServiceSpec spec);

    /** Starts a provisioned, stopped service. */
    Uni<Void> start(ServiceSpec spec);

    /** Stops a service, keeping its data. */
    Uni<Void> stop(ServiceSpec spec);

    /** Applies the spec's replica count and memory. */
    Uni<Void> scale(ServiceSpec spec);

    /** Applies a new password hash. */
    Uni<Void> updatePassword(ServiceSpec spec);

    /** Deletes every resource of the service. */
    Uni<Void> terminate(ServiceSpec spec);

    /** Takes a full backup of the service under the given id. */
    Uni<BackupOutcome> backup(ServiceSpec spec, UUID backupId);
}
