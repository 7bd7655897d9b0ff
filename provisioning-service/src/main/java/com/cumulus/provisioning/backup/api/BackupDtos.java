package com.cumulus.provisioning.backup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed 004 backup bodies. */
public final class BackupDtos {

    private BackupDtos() {
    }

    @RegisterForReflection
    public record BackupResult(String id, String status, String serviceId, String startedAt, String finishedAt,
                               long sizeInBytes, int durationInSeconds, String type) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BackupConfigurationResult(int backupPeriodInHours, int backupRetentionPeriodInHours,
                                            String backupStartTime) {
    }
}
