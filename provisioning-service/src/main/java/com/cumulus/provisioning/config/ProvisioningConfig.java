package com.cumulus.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of provisioning-service ({@code cumulus.provisioning.*}). */
@ConfigMapping(prefix = "cumulus.provisioning")
public interface ProvisioningConfig {

    /** Which {@code ServiceDriver} runs services: {@code simulated} (default) or {@code kubernetes}. */
    @WithDefault("simulated")
    String driver();

    Simulated simulated();

    Kubernetes kubernetes();

    Scaling scaling();

    Backups backups();

    TerminateRetry terminateRetry();

    Commands commands();

    Commits commits();

    /** DNS suffix of service endpoints and private endpoint host names. */
    @WithDefault("cumulus.cloud")
    String dnsSuffix();

    interface Simulated {
        /** Time each simulated driver step takes (0 for none). */
        @WithDefault("200ms")
        Duration stepDelay();

        /**
         * Failure injection: a service whose name contains {@code <marker> <operation>} (e.g. {@code simfail provision})
         * fails that driver operation. Unset disables injection.
         */
        Optional<String> failureMarker();

        /** Operations that always fail for every service (provision, start, stop, scale, terminate, backup). */
        Optional<List<String>> failOperations();
    }

    /** A failed terminate is retried with exponential backoff, then the service ends {@code failed}. */
    interface TerminateRetry {
        /** Delay before the second attempt; each further delay doubles. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Cap of the delay between two attempts. */
        @WithDefault("1m")
        Duration maxDelay();

        /** Attempts in all (the first included) before the service ends {@code failed} with the driver's reason. */
        @WithDefault("6")
        int maxAttempts();
    }

    /** The workers consuming {@code provisioning.commands}. */
    interface Commands {
        /** Chunks of a polled batch claimed concurrently (each chunk one transaction; one service's stay in order). */
        @WithDefault("4")
        int concurrency();

        /** Most commands claimed in one transaction. */
        @WithDefault("64")
        int chunkSize();
    }

    /** Group commit of the engine's transitions (driver outcomes finishing together share one transaction). */
    interface Commits {
        /** Most transitions committed in one transaction. */
        @WithDefault("128")
        int batchSize();

        /** Group-commit transactions running at once. */
        @WithDefault("2")
        int parallelism();
    }

    interface Kubernetes {
        /** Namespace the kubernetes driver creates service objects in. */
        @WithDefault("cumulus-services")
        String namespace();

        /** Container image of a managed service replica. */
        @WithDefault("clickhouse/clickhouse-server:24.8")
        String image();

        /** Image of the per-backup Job. */
        @WithDefault("clickhouse/clickhouse-backup:2.5")
        String backupImage();
    }

    interface Scaling {
        /** Highest maxTotalMemoryGb of an organization that has not paid. */
        @WithDefault("360")
        int unpaidMaxTotalMemoryGb();

        /** Highest maxTotalMemoryGb of a paying organization. */
        @WithDefault("720")
        int paidMaxTotalMemoryGb();

        /** Highest maxReplicaMemoryGb of an organization that has not paid. */
        @WithDefault("120")
        int unpaidMaxReplicaMemoryGb();

        /** Highest maxReplicaMemoryGb of a paying organization. */
        @WithDefault("240")
        int paidMaxReplicaMemoryGb();
    }

    interface Backups {
        /** Whether the scheduler takes and expires backups (the pass itself can always be called). */
        @WithDefault("true")
        boolean scheduled();

        /** How often the scheduler runs the backup pass (a Quarkus scheduler interval, e.g. {@code 1m}). */
        @WithDefault("1m")
        String checkEvery();

        /** Default interval between two backups of a service, in hours. */
        @WithDefault("24")
        int defaultPeriodHours();

        /** Default time a backup is kept, in hours. */
        @WithDefault("48")
        int defaultRetentionHours();
    }
}
