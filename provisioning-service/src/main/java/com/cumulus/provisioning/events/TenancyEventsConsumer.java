package com.cumulus.provisioning.events;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.lifecycle.CommandBus;
import com.cumulus.provisioning.organization.OrganizationProjection;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceCreateRequest;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.Passwords;
import com.cumulus.provisioning.service.domain.ServiceRules;
import com.cumulus.provisioning.service.domain.ServiceState;
import com.cumulus.provisioning.template.ServiceTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * tenancy.events: the paid flag of organizations, organization deletion (stop and delete its services, drop its
 * backups) and project deployments from templates.
 */
@ApplicationScoped
public class TenancyEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TenancyEventsConsumer.class);
    public static final String CONSUMER = "provisioning-tenancy";
    static final String ORG_CREATED = "com.cumulus.tenancy.organization.created.v1";
    static final String ORG_UPDATED = "com.cumulus.tenancy.organization.updated.v1";
    static final String ORG_DELETED = "com.cumulus.tenancy.organization.deleted.v1";
    static final String PROJECT_CREATED = "com.cumulus.tenancy.project.created.v1";
    public static final String QUOTA_RESERVED = "com.cumulus.tenancy.quota.reserved.v1";
    public static final String QUOTA_REJECTED = "com.cumulus.tenancy.quota.rejected.v1";
    /** The reason a template service ends {@code failed} with when tenancy refuses its quota. */
    public static final String QUOTA_EXCEEDED = "quota exceeded";

    private final Inbox inbox;
    private final ProvisioningEvents events;
    private final CommandBus commands;
    private final ServiceUseCases services;
    private final ObjectMapper mapper;

    public TenancyEventsConsumer(Inbox inbox, ProvisioningEvents events, CommandBus commands,
                                 ServiceUseCases services, ObjectMapper mapper) {
        this.inbox = inbox;
        this.events = events;
        this.commands = commands;
        this.services = services;
        this.mapper = mapper;
    }

    @Incoming("tenancy-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce(CONSUMER, json, this::apply)
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .onFailure().invoke(e -> LOG.errorf(e, "tenancy event could not be applied"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Uni<?> apply(CloudEvent event) {
        JsonNode data = event.data() == null ? mapper.createObjectNode() : event.data();
        return switch (event.type()) {
            case ORG_CREATED, ORG_UPDATED -> upsertOrganization(data);
            case ORG_DELETED -> deleteOrganization(text(data, "organizationId"));
            case PROJECT_CREATED -> deployTemplate(data);
            case QUOTA_RESERVED -> quotaAnswered(data, true);
            case QUOTA_REJECTED -> quotaAnswered(data, false);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<?> upsertOrganization(JsonNode data) {
        String id = text(data, "organizationId");
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return OrganizationProjection.<OrganizationProjection>findById(id).chain(found -> {
            OrganizationProjection org = found != null ? found : new OrganizationProjection();
            org.organizationId = id;
            org.name = text(data, "name");
            org.paid = data.path("paid").asBoolean(false);
            org.updatedAt = OffsetDateTime.now();
            return found != null ? Uni.createFrom().item(org) : org.persist();
        });
    }

    /** Stops and deletes every service of the organization; its backups and projection go too. */
    Uni<?> deleteOrganization(String organizationId) {
        if (organizationId == null) {
            return Uni.createFrom().voidItem();
        }
        return ManagedService.<ManagedService>find("organizationId = ?1 and state <> ?2 order by id", organizationId,
                        ServiceState.TERMINATED).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(list -> {
                    Uni<?> chain = Uni.createFrom().voidItem();
                    for (ManagedService s : list) {
                        chain = chain.chain(() -> terminate(s));
                    }
                    return chain;
                })
                .chain(() -> ServiceBackup.delete("organizationId", organizationId))
                .chain(() -> OrganizationProjection.deleteById(organizationId));
    }

    private Uni<?> terminate(ManagedService s) {
        String previous = s.state;
        s.desiredState = ServiceState.DESIRED_TERMINATED;
        s.stateReason = "organization deleted";
        s.resetAttempts();
        s.updatedAt = OffsetDateTime.now();
        String next = null;
        if (ServiceState.UP.contains(s.state) || ServiceState.FAILED.equals(s.state) && s.provisioned) {
            next = ServiceState.STOPPING;
        } else if (ServiceState.STOPPED.equals(s.state) || ServiceState.FAILED.equals(s.state)) {
            next = ServiceState.TERMINATING;
        }
        if (next == null) {
            // in flight: the engine finishes the current step, then continues toward terminated
            return commands.enqueue(s, "delete", null);
        }
        s.state = next;
        return events.stateChanged(s, previous, null).chain(() -> commands.enqueue(s, "delete", null));
    }

    /** A project created from a template gets the template's services (started asynchronously). */
    private Uni<?> deployTemplate(JsonNode data) {
        String templateId = text(data, "templateId");
        String organizationId = text(data, "organizationId");
        String projectId = text(data, "projectId");
        if (templateId == null || organizationId == null || projectId == null) {
            return Uni.createFrom().voidItem();
        }
        return ServiceTemplate.<ServiceTemplate>findById(templateId).chain(template -> {
            if (template == null) {
                LOG.warnf("project %s names template %s, which provisioning has not seen published; nothing deployed",
                        projectId, templateId);
                return Uni.createFrom().voidItem();
            }
            return OrganizationProjection.isPaid(organizationId).chain(paid -> {
                List<ManagedService> created = new ArrayList<>();
                JsonNode entries;
                try {
                    entries = mapper.readTree(template.services);
                } catch (java.io.IOException e) {
                    return Uni.createFrom().voidItem();
                }
                for (JsonNode entry : entries) {
                    ManagedService s = fromTemplate(organizationId, projectId, entry, paid);
                    if (s != null) {
                        created.add(s);
                    }
                }
                // no caller token here: each service asks tenancy for its quota by event and waits in "starting"
                // until tenancy answers (quota.reserved queues the create command, quota.rejected fails it)
                Uni<?> chain = Uni.createFrom().voidItem();
                for (ManagedService s : created) {
                    s.quota = ManagedService.QUOTA_REQUESTED;
                    chain = chain.chain(() -> s.persist())
                            .chain(() -> events.created(s, null))
                            .chain(() -> events.quotaRequested(s, null));
                }
                return chain;
            });
        });
    }

    /**
     * Tenancy's answer to a {@code service.quota-requested} event (reference = service id). Reserved: the create
     * command is queued. Rejected: a service still waiting in {@code starting} ends {@code failed} with reason
     * "quota exceeded" (never silently). An answer for a service that no longer waits changes nothing.
     */
    Uni<?> quotaAnswered(JsonNode data, boolean reserved) {
        String kind = text(data, "kind");
        String reference = text(data, "reference");
        if (kind != null && !"services".equals(kind) || reference == null) {
            return Uni.createFrom().voidItem();
        }
        UUID id;
        try {
            id = UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
        return ManagedService.<ManagedService>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(s -> {
            if (s == null || !s.awaitsQuota()
                    || text(data, "organizationId") != null && !s.organizationId.equals(text(data, "organizationId"))) {
                return Uni.createFrom().voidItem();
            }
            s.updatedAt = OffsetDateTime.now();
            if (reserved) {
                s.quota = ManagedService.QUOTA_RESERVED;
                return commands.enqueue(s, "create", null);
            }
            s.quota = ManagedService.QUOTA_REJECTED;
            if (!ServiceState.STARTING.equals(s.state)) {
                return Uni.createFrom().voidItem();
            }
            String previous = s.state;
            s.state = ServiceState.FAILED;
            s.stateReason = QUOTA_EXCEEDED;
            LOG.warnf("service %s of organization %s: %s", s.id, s.organizationId, QUOTA_EXCEEDED);
            return events.stateChanged(s, previous, null);
        });
    }

    private ManagedService fromTemplate(String organizationId, String projectId, JsonNode entry, boolean paid) {
        String name = text(entry, "name");
        name = name == null ? "service" : name.replaceAll("[^A-Za-z0-9 ]", " ").trim();
        if (name.isEmpty()) {
            name = "service";
        }
        name = name.length() > 50 ? name.substring(0, 50).trim() : name;
        String provider = text(entry, "provider");
        String region = text(entry, "region");
        String tier = text(entry, "tier") == null ? "production" : text(entry, "tier");
        try {
            ServiceRules.providerAndRegion(provider, region);
            ServiceRules.tier(provider, tier);
        } catch (RuntimeException e) {
            LOG.warnf("template service %s of project %s skipped: %s", name, projectId, e.getMessage());
            return null;
        }
        Integer max = null;
        if (entry.hasNonNull("memoryGb")) {
            int cap = services.totalCap(paid);
            int gb = entry.get("memoryGb").asInt(24);
            max = Math.max(24, Math.min(cap, gb / 12 * 12));
        }
        ServiceCreateRequest request = new ServiceCreateRequest(name, provider, region, tier, null,
                null, max, null, null, null, null, null, null, null, null);
        ManagedService s = services.newService(UUID.randomUUID(), organizationId, projectId, request, tier, paid,
                null);
        s.passwordHash = Passwords.hash(Passwords.generate());
        return s;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
