package com.cumulus.tenancy.activity.events;

import com.cumulus.common.events.Inbox;
import com.cumulus.tenancy.activity.service.ActivityRecorder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * tenancy.events and catalog.events: every event becomes an activity (identity.events and provisioning.events have
 * their own consumers that also record); catalog's project-service events also feed the projects' {@code services}.
 */
@ApplicationScoped
public class SuiteEventsConsumer {

    private final Inbox inbox;
    private final ActivityRecorder activities;
    private final com.cumulus.tenancy.project.service.ProjectUsage projects;

    public SuiteEventsConsumer(Inbox inbox, ActivityRecorder activities,
                               com.cumulus.tenancy.project.service.ProjectUsage projects) {
        this.inbox = inbox;
        this.activities = activities;
        this.projects = projects;
    }

    @Incoming("tenancy-events")
    public Uni<Void> tenancy(String json) {
        return inbox.handleOnce("tenancy-activity-tenancy", json, activities::record).replaceWithVoid();
    }

    @Incoming("catalog-events")
    public Uni<Void> catalog(String json) {
        return inbox.handleOnce("tenancy-activity-catalog", json,
                e -> activities.record(e).chain(() -> projects.apply(e))).replaceWithVoid();
    }
}
