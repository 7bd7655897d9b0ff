package com.cumulus.catalog.project.events;

import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.app.service.AppService;
import com.cumulus.catalog.events.CatalogEvents;
import com.cumulus.catalog.gateway.domain.GatewayEnablement;
import com.cumulus.catalog.project.domain.ProjectRef;
import com.cumulus.catalog.servicecatalog.service.ServiceCatalog;
import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.common.events.Inbox;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * tenancy.events: keeps the project projection (projectId -> organizationId) and removes an organization's or a
 * project's catalog data when tenancy deletes it (attached project services publish {@code project-service.detached}).
 * Idempotent through the inbox.
 */
@ApplicationScoped
public class TenancyEventsConsumer {
    static final String CONSUMER = "catalog-tenancy-events";
    static final String PROJECT_CREATED = "com.cumulus.tenancy.project.created.v1";
    static final String PROJECT_UPDATED = "com.cumulus.tenancy.project.updated.v1";
    static final String PROJECT_DELETED = "com.cumulus.tenancy.project.deleted.v1";
    static final String ORGANIZATION_DELETED = "com.cumulus.tenancy.organization.deleted.v1";

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProjectData(String projectId, String organizationId, String name, String templateId) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrganizationData(String organizationId) {
    }

    private final Inbox inbox;
    private final EventCodec codec;
    private final AppService apps;
    private final ServiceCatalog serviceCatalog;

    public TenancyEventsConsumer(Inbox inbox, EventCodec codec, AppService apps, ServiceCatalog serviceCatalog) {
        this.inbox = inbox;
        this.codec = codec;
        this.apps = apps;
        this.serviceCatalog = serviceCatalog;
    }

    @Incoming("tenancy-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce(CONSUMER, json, this::apply).replaceWithVoid();
    }

    Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case PROJECT_CREATED, PROJECT_UPDATED -> upsert(codec.data(event, ProjectData.class));
            case PROJECT_DELETED -> deleteProject(codec.data(event, ProjectData.class).projectId());
            case ORGANIZATION_DELETED -> deleteOrganization(codec.data(event, OrganizationData.class).organizationId());
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> upsert(ProjectData data) {
        if (data.projectId() == null || data.organizationId() == null) {
            return Uni.createFrom().voidItem();
        }
        return ProjectRef.<ProjectRef>findById(data.projectId()).chain(existing -> {
            ProjectRef project = existing != null ? existing : new ProjectRef();
            project.projectId = data.projectId();
            project.organizationId = data.organizationId();
            project.name = data.name();
            project.templateId = data.templateId();
            project.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().voidItem() : project.persist().replaceWithVoid();
        });
    }

    private Uni<Void> deleteProject(String projectId) {
        if (projectId == null) {
            return Uni.createFrom().voidItem();
        }
        return serviceCatalog.removeProject(projectId)
                .chain(() -> GatewayEnablement.delete("projectId", projectId))
                .chain(() -> ProjectRef.delete("projectId", projectId))
                .replaceWithVoid();
    }

    /** Apps go with their credentials (credential.revoked, so they stop working) and subscriptions. */
    private Uni<Void> deleteOrganization(String organizationId) {
        if (organizationId == null) {
            return Uni.createFrom().voidItem();
        }
        return App.<App>list("organizationId", organizationId)
                .chain(list -> CatalogEvents.sequence(list, app -> apps.removeApp(app, null)))
                .chain(() -> serviceCatalog.removeOrganization(organizationId))
                .chain(() -> GatewayEnablement.delete("organizationId", organizationId))
                .chain(() -> ProjectRef.delete("organizationId", organizationId))
                .replaceWithVoid();
    }
}
