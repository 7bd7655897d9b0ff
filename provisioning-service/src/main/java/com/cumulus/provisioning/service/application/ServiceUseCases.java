package com.cumulus.provisioning.service.application;

import com.cumulus.common.errors.ApiException;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.lifecycle.CommandBus;
import com.cumulus.provisioning.organization.OrganizationProjection;
import com.cumulus.provisioning.persistence.FlushAtCommit;
import com.cumulus.provisioning.quota.QuotaService;
import com.cumulus.provisioning.service.api.ServiceDtos.PasswordRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ReplicaScalingRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ScalingRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceCreateRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ServicePatchRequest;
import com.cumulus.provisioning.service.domain.IpAccessEntry;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.Passwords;
import com.cumulus.provisioning.service.domain.ServiceRules;
import com.cumulus.provisioning.service.domain.ServiceState;
import com.cumulus.provisioning.service.domain.StateMachine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Use cases of seed 004's services operations. Validation happens before anything is reserved or written. */
@ApplicationScoped
public class ServiceUseCases {


    /** A created service and its password in clear (returned once). */
    public record Created(ManagedService service, String password) {
    }

    private final ProvisioningConfig config;
    private final ProvisioningEvents events;
    private final CommandBus commands;
    private final QuotaService quota;

    public ServiceUseCases(ProvisioningConfig config, ProvisioningEvents events, CommandBus commands,
                           QuotaService quota) {
        this.config = config;
        this.events = events;
        this.commands = commands;
        this.quota = quota;
    }

    // ---------------------------------------------------------------- create

    public Uni<Created> create(String organizationId, ServiceCreateRequest request, String actor,
                               String authorization) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        ServiceRules.name("name", request.name());
        ServiceRules.providerAndRegion(request.provider(), request.region());
        String tier = request.tier() == null ? "production" : request.tier();
        ServiceRules.tier(request.provider(), tier);
        ServiceRules.replicas(request.numReplicas());
        ServiceRules.idleTimeout(request.idleTimeoutMinutes());
        ServiceRules.ipAccessList("ipAccessList", request.ipAccessList());
        ServiceRules.privateEndpointIds("privateEndpointIds", request.privateEndpointIds());
        UUID backupId = parseUuid("backupId", request.backupId());
        UUID id = UUID.randomUUID();
        String password = Passwords.generate();

        if (backupId == null && request.maxTotalMemoryGb() == null) {
            // nothing left to validate depends on the database (only maxTotalMemoryGb is capped by the paid flag):
            // reserve first, then read the paid flag inside the one write transaction (one session, one connection)
            ServiceRules.totalMemory(request.minTotalMemoryGb(), null, 0, false);
            return quota.reserve(organizationId, id.toString(), authorization)
                    .onFailure().transform(QuotaService::toApi)
                    .chain(() -> Panache.withTransaction(() -> FlushAtCommit.apply()
                            .chain(() -> OrganizationProjection.isPaid(organizationId))
                            .chain(paid -> insert(id, organizationId, request, tier, paid, null, password, actor)))
                            .onFailure().call(failure -> quota.release(organizationId, id.toString(), authorization)
                                    .onFailure().recoverWithNull()));
        }
        return Panache.withSession(() -> OrganizationProjection.isPaid(organizationId)
                        .call(paid -> backupId == null ? Uni.createFrom().voidItem()
                                : checkRestorable(organizationId, backupId, request.region(), tier)))
                .invoke(paid -> ServiceRules.totalMemory(request.minTotalMemoryGb(), request.maxTotalMemoryGb(),
                        totalCap(paid), paid))
                .call(paid -> quota.reserve(organizationId, id.toString(), authorization)
                        .onFailure().transform(QuotaService::toApi))
                .chain(paid -> Panache.withTransaction(() -> FlushAtCommit.apply()
                        .chain(() -> insert(id, organizationId, request, tier, paid, backupId, password, actor)))
                        .onFailure().call(failure -> quota.release(organizationId, id.toString(), authorization)
                        .onFailure().recoverWithNull()));
    }

    /** Inside the transaction: the service, its service.created event and its create command, committed together. */
    private Uni<Created> insert(UUID id, String organizationId, ServiceCreateRequest request, String tier,
                                boolean paid, UUID backupId, String password, String actor) {
        ManagedService service = newService(id, organizationId, null, request, tier, paid, backupId);
        service.passwordHash = Passwords.hash(password);
        return service.persist()
                .chain(() -> events.created(service, actor))
                .chain(() -> commands.enqueue(service, "create", actor))
                .replaceWith(new Created(service, password));
    }

    private Uni<Void> checkRestorable(String organizationId, UUID backupId, String region, String tier) {
        return ServiceBackup.<ServiceBackup>findById(backupId).invoke(backup -> {
            if (backup == null || !organizationId.equals(backup.organizationId)
                    || !ServiceBackup.DONE.equals(backup.status)) {
                throw ApiException.invalid("backupId", "no completed backup with this id in this organization");
            }
            if (!backup.region.equals(region) || !backup.tier.equals(tier)) {
                throw ApiException.invalid("backupId", "the backup's region (" + backup.region + ") and tier ("
                        + backup.tier + ") must equal the new service's");
            }
        }).replaceWithVoid();
    }

    /** A new service in {@code starting} (desired running); also used by template deployments. */
    public ManagedService newService(UUID id, String organizationId, String projectId, ServiceCreateRequest request,
                                     String tier, boolean paid, UUID backupId) {
        ManagedService s = new ManagedService();
        s.id = id;
        s.organizationId = organizationId;
        s.projectId = projectId;
        s.name = request.name().trim();
        s.provider = request.provider();
        s.region = request.region();
        s.tier = tier;
        s.state = ServiceState.STARTING;
        s.desiredState = ServiceState.DESIRED_RUNNING;
        s.provisioned = false;
        s.numReplicas = request.numReplicas() == null ? 3 : request.numReplicas();
        if (s.isScalable()) {
            int max = request.maxTotalMemoryGb() != null ? request.maxTotalMemoryGb()
                    : Math.min(360, totalCap(paid));
            int min = request.minTotalMemoryGb() != null ? request.minTotalMemoryGb() : Math.min(24, max);
            s.minTotalMemoryGb = Math.min(min, max);
            s.maxTotalMemoryGb = max;
        } else {
            s.minTotalMemoryGb = 24;
            s.maxTotalMemoryGb = 24;
        }
        deriveReplicaMemory(s);
        s.idleScaling = request.idleScaling() == null || request.idleScaling();
        s.idleTimeoutMinutes = request.idleTimeoutMinutes() == null ? 15 : request.idleTimeoutMinutes();
        s.ipAccessList(request.ipAccessList() == null ? List.of() : normalize(request.ipAccessList()));
        s.privateEndpointIds(request.privateEndpointIds() == null ? List.of()
                : request.privateEndpointIds().stream().map(String::trim).distinct().toList());
        s.encryptionKey = request.encryptionKey();
        s.encryptionAssumedRoleIdentifier = request.encryptionAssumedRoleIdentifier();
        s.restoredFromBackupId = backupId;
        s.createdAt = OffsetDateTime.now();
        s.updatedAt = s.createdAt;
        return s;
    }

    // ---------------------------------------------------------------- reads

    public Uni<List<ManagedService>> list(String organizationId) {
        return Panache.withSession(() -> ManagedService.<ManagedService>list(
                "organizationId = ?1 and state <> ?2 order by createdAt, id", organizationId,
                ServiceState.TERMINATED));
    }

    public Uni<ManagedService> get(String organizationId, String serviceId) {
        UUID id = serviceUuid(serviceId);
        return Panache.withSession(() -> ManagedService.<ManagedService>find(
                        "id = ?1 and organizationId = ?2 and state <> ?3", id, organizationId, ServiceState.TERMINATED)
                .firstResult())
                .onItem().ifNull().failWith(() -> ApiException.notFound("service"));
    }

    /** Inside a transaction: the service locked for update, or 404. */
    public static Uni<ManagedService> lockedForUpdate(String organizationId, String serviceId) {
        UUID id = serviceUuid(serviceId);
        return ManagedService.<ManagedService>find("id = ?1 and organizationId = ?2 and state <> ?3", id,
                        organizationId, ServiceState.TERMINATED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("service"));
    }

    // ---------------------------------------------------------------- patch

    public Uni<ManagedService> patch(String organizationId, String serviceId, ServicePatchRequest request,
                                     String actor) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        if (request.name() != null) {
            ServiceRules.name("name", request.name());
        }
        if (request.ipAccessList() != null) {
            ServiceRules.ipAccessList("ipAccessList.add", request.ipAccessList().add());
            ServiceRules.ipAccessList("ipAccessList.remove", request.ipAccessList().remove());
        }
        if (request.privateEndpointIds() != null) {
            ServiceRules.privateEndpointIds("privateEndpointIds.add", request.privateEndpointIds().add());
            ServiceRules.privateEndpointIds("privateEndpointIds.remove", request.privateEndpointIds().remove());
        }
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId).chain(s -> {
            refuseWhileTerminating(s);
            List<String> changed = new ArrayList<>();
            if (request.name() != null && !request.name().trim().equals(s.name)) {
                s.name = request.name().trim();
                changed.add("name");
            }
            if (request.ipAccessList() != null) {
                List<IpAccessEntry> entries = s.ipAccessList();
                List<IpAccessEntry> before = List.copyOf(entries);
                if (request.ipAccessList().remove() != null) {
                    Set<String> removed = new java.util.HashSet<>();
                    request.ipAccessList().remove().forEach(e -> removed.add(e.source().trim()));
                    entries.removeIf(e -> removed.contains(e.source()));
                }
                if (request.ipAccessList().add() != null) {
                    for (IpAccessEntry entry : normalize(request.ipAccessList().add())) {
                        entries.removeIf(e -> e.source().equals(entry.source()));
                        entries.add(entry);
                    }
                }
                if (!before.equals(entries)) {
                    s.ipAccessList(entries);
                    changed.add("ipAccessList");
                }
            }
            if (request.privateEndpointIds() != null) {
                List<String> ids = s.privateEndpointIds();
                List<String> before = List.copyOf(ids);
                if (request.privateEndpointIds().remove() != null) {
                    request.privateEndpointIds().remove().forEach(id -> ids.remove(id.trim()));
                }
                if (request.privateEndpointIds().add() != null) {
                    request.privateEndpointIds().add().stream().map(String::trim)
                            .filter(id -> !ids.contains(id)).forEach(ids::add);
                }
                if (!before.equals(ids)) {
                    s.privateEndpointIds(ids);
                    changed.add("privateEndpointIds");
                }
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().item(s);
            }
            s.updatedAt = OffsetDateTime.now();
            return events.updated(s, changed, actor).replaceWith(s);
        }));
    }

    // ---------------------------------------------------------------- state

    public Uni<ManagedService> changeState(String organizationId, String serviceId, String command, String actor) {
        if (!"start".equals(command) && !"stop".equals(command)) {
            throw ApiException.invalid("command", "must be start or stop");
        }
        boolean start = "start".equals(command);
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId).chain(s -> {
            StateMachine.Decision decision = start ? StateMachine.onStart(s.state) : StateMachine.onStop(s.state);
            switch (decision) {
                case NO_OP:
                    return Uni.createFrom().item(s);
                case CONFLICT:
                    throw ApiException.conflict("service is " + s.state + "; cannot " + command + " it now");
                default:
                    break;
            }
            String previous = s.state;
            s.state = start ? ServiceState.STARTING : StateMachine.afterStop(s.state, s.provisioned);
            s.desiredState = start ? ServiceState.DESIRED_RUNNING : ServiceState.DESIRED_STOPPED;
            s.stateReason = null;
            s.resetAttempts();
            s.updatedAt = OffsetDateTime.now();
            Uni<?> written = events.stateChanged(s, previous, actor);
            if (start && ManagedService.QUOTA_REJECTED.equals(s.quota)) {
                // a template service tenancy refused: starting it asks tenancy again (quota may have been freed)
                s.quota = ManagedService.QUOTA_REQUESTED;
                written = written.chain(() -> events.quotaRequested(s, actor));
            }
            return written.chain(() -> commands.enqueue(s, command, actor)).replaceWith(s);
        }));
    }

    // ---------------------------------------------------------------- delete

    /**
     * Accepts the deletion of a stopped service. The quota reservation is NOT released here: tenancy releases it when
     * it consumes the {@code service.deleted} event that the worker writes once the service is really terminated.
     */
    public Uni<ManagedService> delete(String organizationId, String serviceId, String actor) {
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId).chain(s -> {
            if (!StateMachine.canDelete(s.state)) {
                throw ApiException.conflict("service is " + s.state + "; only a stopped service can be deleted");
            }
            String previous = s.state;
            s.state = ServiceState.TERMINATING;
            s.desiredState = ServiceState.DESIRED_TERMINATED;
            s.stateReason = null;
            s.resetAttempts();
            s.updatedAt = OffsetDateTime.now();
            return events.stateChanged(s, previous, actor)
                    .chain(() -> commands.enqueue(s, "delete", actor))
                    .replaceWith(s);
        }));
    }

    // ---------------------------------------------------------------- scaling

    public Uni<ManagedService> scale(String organizationId, String serviceId, ScalingRequest request, String actor) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        ServiceRules.replicas(request.numReplicas());
        ServiceRules.idleTimeout(request.idleTimeoutMinutes());
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId)
                .chain(s -> OrganizationProjection.isPaid(organizationId).chain(paid -> {
                    refuseWhileTerminating(s);
                    requireScalable(s, request.minTotalMemoryGb() != null ? "minTotalMemoryGb" : "maxTotalMemoryGb");
                    int min = request.minTotalMemoryGb() != null ? request.minTotalMemoryGb() : s.minTotalMemoryGb;
                    int max = request.maxTotalMemoryGb() != null ? request.maxTotalMemoryGb() : s.maxTotalMemoryGb;
                    ServiceRules.totalMemory(request.minTotalMemoryGb(), request.maxTotalMemoryGb(), totalCap(paid),
                            paid);
                    ServiceRules.totalMemory(min, max, totalCap(paid), paid);
                    s.minTotalMemoryGb = min;
                    s.maxTotalMemoryGb = max;
                    if (request.numReplicas() != null) {
                        s.numReplicas = request.numReplicas();
                    }
                    deriveReplicaMemory(s);
                    applyIdle(s, request.idleScaling(), request.idleTimeoutMinutes());
                    return scaled(s, actor);
                })));
    }

    public Uni<ManagedService> scaleReplicas(String organizationId, String serviceId, ReplicaScalingRequest request,
                                             String actor) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        ServiceRules.replicas(request.numReplicas());
        ServiceRules.idleTimeout(request.idleTimeoutMinutes());
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId)
                .chain(s -> OrganizationProjection.isPaid(organizationId).chain(paid -> {
                    refuseWhileTerminating(s);
                    requireScalable(s, request.minReplicaMemoryGb() != null ? "minReplicaMemoryGb"
                            : "maxReplicaMemoryGb");
                    int cap = paid ? config.scaling().paidMaxReplicaMemoryGb()
                            : config.scaling().unpaidMaxReplicaMemoryGb();
                    ServiceRules.replicaMemory(request.minReplicaMemoryGb(), request.maxReplicaMemoryGb(), cap, paid);
                    int min = request.minReplicaMemoryGb() != null ? request.minReplicaMemoryGb()
                            : s.minReplicaMemoryGb;
                    int max = request.maxReplicaMemoryGb() != null ? request.maxReplicaMemoryGb()
                            : s.maxReplicaMemoryGb;
                    ServiceRules.replicaMemory(min, max, cap, paid);
                    s.minReplicaMemoryGb = min;
                    s.maxReplicaMemoryGb = max;
                    if (request.numReplicas() != null) {
                        s.numReplicas = request.numReplicas();
                    }
                    s.minTotalMemoryGb = s.minReplicaMemoryGb * s.numReplicas;
                    s.maxTotalMemoryGb = s.maxReplicaMemoryGb * s.numReplicas;
                    applyIdle(s, request.idleScaling(), request.idleTimeoutMinutes());
                    return scaled(s, actor);
                })));
    }

    private Uni<ManagedService> scaled(ManagedService s, String actor) {
        s.updatedAt = OffsetDateTime.now();
        Uni<?> written = events.scaled(s, actor);
        if (ServiceState.UP.contains(s.state)) {
            written = written.chain(() -> commands.enqueue(s, "scale", actor));
        }
        return written.replaceWith(s);
    }

    private static void requireScalable(ManagedService s, String field) {
        if (!s.isScalable()) {
            throw ApiException.invalid(field, "scaling is available only for production tiers; this service is "
                    + s.tier);
        }
    }

    private static void applyIdle(ManagedService s, Boolean idleScaling, Integer idleTimeoutMinutes) {
        if (idleScaling != null) {
            s.idleScaling = idleScaling;
        }
        if (idleTimeoutMinutes != null) {
            s.idleTimeoutMinutes = idleTimeoutMinutes;
        }
    }

    // ---------------------------------------------------------------- password

    /** Sets a new password; returns the generated password, or null when the caller supplied a hash. */
    public Uni<String> changePassword(String organizationId, String serviceId, PasswordRequest request,
                                      String actor) {
        String supplied = request == null || request.newPasswordHash() == null || request.newPasswordHash().isBlank()
                ? null : Passwords.checkSha256Base64(request.newPasswordHash());
        String doubleSha1 = supplied == null || request.newDoubleSha1Hash() == null
                || request.newDoubleSha1Hash().isBlank() ? null : Passwords.checkDoubleSha1(request.newDoubleSha1Hash());
        String generated = supplied == null ? Passwords.generate() : null;
        return Panache.withTransaction(() -> lockedForUpdate(organizationId, serviceId).chain(s -> {
            refuseWhileTerminating(s);
            s.passwordHash = supplied != null ? supplied : Passwords.hash(generated);
            s.doubleSha1Hash = doubleSha1;
            s.updatedAt = OffsetDateTime.now();
            Uni<?> written = events.updated(s, List.of("password"), actor);
            if (ServiceState.UP.contains(s.state)) {
                written = written.chain(() -> commands.enqueue(s, "password", actor));
            }
            return written.replaceWith(generated);
        }));
    }

    // ---------------------------------------------------------------- helpers

    public int totalCap(boolean paid) {
        return paid ? config.scaling().paidMaxTotalMemoryGb() : config.scaling().unpaidMaxTotalMemoryGb();
    }

    static void deriveReplicaMemory(ManagedService s) {
        s.minReplicaMemoryGb = perReplica(s.minTotalMemoryGb, s.numReplicas);
        s.maxReplicaMemoryGb = perReplica(s.maxTotalMemoryGb, s.numReplicas);
    }

    private static int perReplica(int total, int replicas) {
        int each = total / Math.max(1, replicas);
        return Math.min(ServiceRules.MAX_REPLICA_MEMORY, Math.max(ServiceRules.MIN_REPLICA_MEMORY, each / 4 * 4));
    }

    private static void refuseWhileTerminating(ManagedService s) {
        if (ServiceState.TERMINATING.equals(s.state)) {
            throw ApiException.conflict("service is being deleted");
        }
    }

    private static List<IpAccessEntry> normalize(List<IpAccessEntry> entries) {
        List<IpAccessEntry> out = new ArrayList<>();
        for (IpAccessEntry e : entries) {
            IpAccessEntry entry = new IpAccessEntry(e.source().trim(), e.description());
            out.removeIf(x -> Objects.equals(x.source(), entry.source()));
            out.add(entry);
        }
        return out;
    }

    static UUID parseUuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be a UUID");
        }
    }

    public static UUID serviceUuid(String serviceId) {
        try {
            return UUID.fromString(serviceId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("service");
        }
    }
}
