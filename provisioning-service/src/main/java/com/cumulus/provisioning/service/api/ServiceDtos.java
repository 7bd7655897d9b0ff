package com.cumulus.provisioning.service.api;

import com.cumulus.provisioning.service.domain.IpAccessEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Seed 004 request and result bodies of the services operations. */
public final class ServiceDtos {

    private ServiceDtos() {
    }

    @RegisterForReflection
    public record ServiceCreateRequest(String name, String provider, String region, String tier,
                                       List<IpAccessEntry> ipAccessList, Integer minTotalMemoryGb,
                                       Integer maxTotalMemoryGb, Integer numReplicas, Boolean idleScaling,
                                       Integer idleTimeoutMinutes, String backupId, String encryptionKey,
                                       String encryptionAssumedRoleIdentifier, List<String> privateEndpointIds,
                                       Boolean privatePreviewTermsChecked) {
    }

    @RegisterForReflection
    public record IpAccessListPatch(List<IpAccessEntry> add, List<IpAccessEntry> remove) {
    }

    @RegisterForReflection
    public record PrivateEndpointIdsPatch(List<String> add, List<String> remove) {
    }

    @RegisterForReflection
    public record ServicePatchRequest(String name, IpAccessListPatch ipAccessList,
                                      PrivateEndpointIdsPatch privateEndpointIds) {
    }

    @RegisterForReflection
    public record StateCommandRequest(String command) {
    }

    @RegisterForReflection
    public record ScalingRequest(Integer minTotalMemoryGb, Integer maxTotalMemoryGb, Integer numReplicas,
                                 Boolean idleScaling, Integer idleTimeoutMinutes) {
    }

    @RegisterForReflection
    public record ReplicaScalingRequest(Integer minReplicaMemoryGb, Integer maxReplicaMemoryGb, Integer numReplicas,
                                        Boolean idleScaling, Integer idleTimeoutMinutes) {
    }

    @RegisterForReflection
    public record PasswordRequest(String newPasswordHash, String newDoubleSha1Hash) {
    }

    @RegisterForReflection
    public record EndpointResult(String protocol, String host, int port) {
    }

    @RegisterForReflection
    public record ServiceResult(String id, String name, String provider, String region, String state,
                                List<EndpointResult> endpoints, String tier, int minTotalMemoryGb,
                                int maxTotalMemoryGb, int numReplicas, boolean idleScaling, int idleTimeoutMinutes,
                                List<IpAccessEntry> ipAccessList, String createdAt, String encryptionKey,
                                String encryptionAssumedRoleIdentifier, String iamRole,
                                List<String> privateEndpointIds, String dataWarehouseId, String isPrimary,
                                int minReplicaMemoryGb, int maxReplicaMemoryGb) {
    }

    @RegisterForReflection
    public record CreatedServiceResult(ServiceResult service, String password) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PasswordResult(String password) {
    }

    @RegisterForReflection
    public record PrivateEndpointConfigResult(String endpointServiceId, String privateDnsHostname) {
    }

    @RegisterForReflection
    public record OrganizationPrivateEndpointConfigResult(String endpointServiceId) {
    }
}
