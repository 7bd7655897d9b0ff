package com.cumulus.provisioning.driver;

import com.cumulus.provisioning.service.domain.ManagedService;

import java.util.UUID;

/** What a driver needs to know about a service: an immutable snapshot taken outside any transaction. */
public record ServiceSpec(UUID id, String organizationId, String name, String provider, String region, String tier,
                          int numReplicas, int minReplicaMemoryGb, int maxReplicaMemoryGb, int maxTotalMemoryGb,
                          String passwordHash, UUID restoreFromBackupId) {

    public static ServiceSpec of(ManagedService service) {
        return new ServiceSpec(service.id, service.organizationId, service.name, service.provider, service.region,
                service.tier, service.numReplicas, service.minReplicaMemoryGb, service.maxReplicaMemoryGb,
                service.maxTotalMemoryGb, service.passwordHash, service.restoredFromBackupId);
    }
}
