package com.cumulus.provisioning.events;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Outbox;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.service.domain.ManagedService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public event contract on {@code provisioning.events} (docs/provisioning-service.md, "Events"); key = service id.
 * Every method must run inside the transaction that makes the change.
 */
@ApplicationScoped
public class ProvisioningEvents {

    public static final String PREFIX = "com.cumulus.provisioning.";
    public static final String SERVICE_CREATED = PREFIX + "service.created.v1";
    public static final String SERVICE_STATE_CHANGED = PREFIX + "service.state-changed.v1";
    public static final String SERVICE_SCALED = PREFIX + "service.scaled.v1";
    public static final String SERVICE_UPDATED = PREFIX + "service.updated.v1";
    public static final String SERVICE_DELETED = PREFIX + "service.deleted.v1";
    public static final String SERVICE_QUOTA_REQUESTED = PREFIX + "service.quota-requested.v1";
    public static final String BACKUP_COMPLETED = PREFIX + "backup.completed.v1";
    public static final String BACKUP_EXPIRED = PREFIX + "backup.expired.v1";

    private final Outbox outbox;

    public ProvisioningEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<CloudEvent> created(ManagedService s, String actor) {
        Map<String, Object> data = base(s);
        data.put("provider", s.provider);
        data.put("region", s.region);
        data.put("tier", s.tier);
        data.put("state", s.state);
        data.put("minTotalMemoryGb", s.minTotalMemoryGb);
        data.put("maxTotalMemoryGb", s.maxTotalMemoryGb);
        data.put("numReplicas", s.numReplicas);
        data.put("restoredFromBackupId", s.restoredFromBackupId == null ? null : s.restoredFromBackupId.toString());
        // "reserved": the quota was reserved synchronously (reference = service id) and tenancy confirms that
        // provisional reservation when it consumes this event; "requested": a template service, which asks by event
        data.put("quota", s.quota);
        return outbox.record(SERVICE_CREATED, s.id.toString(), data, actor);
    }

    public Uni<CloudEvent> stateChanged(ManagedService s, String previousState, String actor) {
        Map<String, Object> data = base(s);
        data.put("previousState", previousState);
        data.put("state", s.state);
        data.put("reason", s.stateReason);
        return outbox.record(SERVICE_STATE_CHANGED, s.id.toString(), data, actor);
    }

    public Uni<CloudEvent> scaled(ManagedService s, String actor) {
        Map<String, Object> data = base(s);
        data.put("minTotalMemoryGb", s.minTotalMemoryGb);
        data.put("maxTotalMemoryGb", s.maxTotalMemoryGb);
        data.put("minReplicaMemoryGb", s.minReplicaMemoryGb);
        data.put("maxReplicaMemoryGb", s.maxReplicaMemoryGb);
        data.put("numReplicas", s.numReplicas);
        data.put("idleScaling", s.idleScaling);
        data.put("idleTimeoutMinutes", s.idleTimeoutMinutes);
        return outbox.record(SERVICE_SCALED, s.id.toString(), data, actor);
    }

    public Uni<CloudEvent> updated(ManagedService s, List<String> changed, String actor) {
        Map<String, Object> data = base(s);
        data.put("changed", changed);
        data.put("ipAccessList", s.ipAccessList());
        data.put("privateEndpointIds", s.privateEndpointIds());
        return outbox.record(SERVICE_UPDATED, s.id.toString(), data, actor);
    }

    public Uni<CloudEvent> deleted(ManagedService s, String actor) {
        return outbox.record(SERVICE_DELETED, s.id.toString(), base(s), actor);
    }

    /**
     * Asks tenancy to reserve the service's quota (template deployments, which have no caller token for the
     * synchronous call). Tenancy answers on tenancy.events with {@code quota.reserved} or {@code quota.rejected}
     * carrying {@code reference} = service id; reserving is idempotent by reference.
     */
    public Uni<CloudEvent> quotaRequested(ManagedService s, String actor) {
        Map<String, Object> data = base(s);
        data.put("kind", "services");
        data.put("quantity", 1);
        data.put("reference", s.id.toString());
        return outbox.record(SERVICE_QUOTA_REQUESTED, s.id.toString(), data, actor);
    }

    public Uni<CloudEvent> backupCompleted(ServiceBackup b, ManagedService s) {
        Map<String, Object> data = backup(b, s);
        data.put("status", b.status);
        data.put("type", b.type);
        data.put("startedAt", b.startedAt.toString());
        data.put("finishedAt", b.finishedAt == null ? null : b.finishedAt.toString());
        data.put("sizeInBytes", b.sizeInBytes);
        data.put("durationInSeconds", b.durationInSeconds);
        return outbox.record(BACKUP_COMPLETED, b.serviceId.toString(), data, null);
    }

    public Uni<CloudEvent> backupExpired(ServiceBackup b, ManagedService s) {
        return outbox.record(BACKUP_EXPIRED, b.serviceId.toString(), backup(b, s), null);
    }

    private static Map<String, Object> backup(ServiceBackup b, ManagedService s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", b.id.toString());
        data.put("serviceId", b.serviceId.toString());
        data.put("organizationId", b.organizationId);
        data.put("projectId", s == null ? null : s.projectId);
        return data;
    }

    private static Map<String, Object> base(ManagedService s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceId", s.id.toString());
        data.put("organizationId", s.organizationId);
        data.put("projectId", s.projectId);
        data.put("name", s.name);
        return data;
    }
}
