package com.cumulus.provisioning.service.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A managed service instance: its spec, desired state and current state. */
@Entity
@Table(name = "managed_service")
public class ManagedService extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String QUOTA_RESERVED = "reserved";
    public static final String QUOTA_REQUESTED = "requested";
    public static final String QUOTA_REJECTED = "rejected";

    @Id
    public UUID id;
    @Column(name = "organization_id", nullable = false)
    public String organizationId;
    @Column(name = "project_id")
    public String projectId;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String provider;
    @Column(nullable = false)
    public String region;
    @Column(nullable = false)
    public String tier;
    @Column(nullable = false)
    public String state;
    @Column(name = "desired_state", nullable = false)
    public String desiredState;
    @Column(name = "state_reason")
    public String stateReason;
    @Column(nullable = false)
    public boolean provisioned;
    @Column(name = "min_total_memory_gb", nullable = false)
    public int minTotalMemoryGb;
    @Column(name = "max_total_memory_gb", nullable = false)
    public int maxTotalMemoryGb;
    @Column(name = "min_replica_memory_gb", nullable = false)
    public int minReplicaMemoryGb;
    @Column(name = "max_replica_memory_gb", nullable = false)
    public int maxReplicaMemoryGb;
    @Column(name = "num_replicas", nullable = false)
    public int numReplicas;
    @Column(name = "idle_scaling", nullable = false)
    public boolean idleScaling;
    @Column(name = "idle_timeout_minutes", nullable = false)
    public int idleTimeoutMinutes;
    @Column(name = "ip_access_list", nullable = false)
    public String ipAccessListJson = "[]";
    @Column(name = "private_endpoint_ids", nullable = false)
    public String privateEndpointIdsJson = "[]";
    @Column(name = "encryption_key")
    public String encryptionKey;
    @Column(name = "encryption_assumed_role_identifier")
    public String encryptionAssumedRoleIdentifier;
    @Column(name = "restored_from_backup_id")
    public UUID restoredFromBackupId;
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;
    @Column(name = "double_sha1_hash")
    public String doubleSha1Hash;
    @Column(name = "backup_period_hours")
    public Integer backupPeriodHours;
    @Column(name = "backup_retention_hours")
    public Integer backupRetentionHours;
    @Column(name = "backup_start_time")
    public String backupStartTime;
    /** Terminate attempts that failed since the deletion was asked for (reset by every new desired state). */
    @Column(name = "terminate_attempts", nullable = false)
    public int terminateAttempts;
    /** When the next terminate attempt is due after a failure (exponential backoff); null when none is pending. */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    /** The service's quota at tenancy: {@link #QUOTA_RESERVED}, {@link #QUOTA_REQUESTED} or {@link #QUOTA_REJECTED}. */
    @Column(nullable = false)
    public String quota = QUOTA_RESERVED;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public List<IpAccessEntry> ipAccessList() {
        return read(ipAccessListJson, new TypeReference<>() { });
    }

    public void ipAccessList(List<IpAccessEntry> entries) {
        ipAccessListJson = write(entries);
    }

    public List<String> privateEndpointIds() {
        return read(privateEndpointIdsJson, new TypeReference<>() { });
    }

    public void privateEndpointIds(List<String> ids) {
        privateEndpointIdsJson = write(ids);
    }

    public boolean awaitsQuota() {
        return QUOTA_REQUESTED.equals(quota);
    }

    /** Resets the terminate retry bookkeeping when a new desired state is set. */
    public void resetAttempts() {
        terminateAttempts = 0;
        nextAttemptAt = null;
    }

    public boolean isScalable() {
        return !"development".equals(tier);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? new ArrayList<>() : new ArrayList<>(JSON.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list is not JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
