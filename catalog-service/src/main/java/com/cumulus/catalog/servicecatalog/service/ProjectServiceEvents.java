package com.cumulus.catalog.servicecatalog.service;

import com.cumulus.catalog.servicecatalog.domain.ProjectItem;
import com.cumulus.common.events.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * catalog.events {@code project-service.attached.v1} / {@code .detached.v1} (key = projectId) {projectId,
 * organizationId, serviceCatalogCode, name, itemLimit}: tenancy projects them onto the seed 003 project
 * {@code services}. Every method must run inside the use case's transaction (the outbox row commits with the change).
 */
@ApplicationScoped
public class ProjectServiceEvents {
    public static final String ATTACHED = "com.cumulus.catalog.project-service.attached.v1";
    public static final String DETACHED = "com.cumulus.catalog.project-service.detached.v1";

    @RegisterForReflection
    public record ProjectServiceData(String projectId, String organizationId, String serviceCatalogCode, String name,
                                     int itemLimit) {
    }

    private final Outbox outbox;

    public ProjectServiceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> attached(ProjectItem item, String actor) {
        return record(ATTACHED, item, actor);
    }

    public Uni<Void> detached(ProjectItem item, String actor) {
        return record(DETACHED, item, actor);
    }

    /** {@code detached} for each item, one after the other (one reactive session). */
    public Uni<Void> detached(List<ProjectItem> items, String actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ProjectItem item : items) {
            chain = chain.chain(() -> detached(item, actor));
        }
        return chain;
    }

    private Uni<Void> record(String type, ProjectItem item, String actor) {
        return outbox.record(type, item.projectId, new ProjectServiceData(item.projectId, item.organizationId,
                item.serviceCatalogCode, item.name, item.itemLimit), actor).replaceWithVoid();
    }
}
