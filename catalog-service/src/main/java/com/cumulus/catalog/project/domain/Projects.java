package com.cumulus.catalog.project.domain;

import com.cumulus.catalog.web.Access;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import io.smallrye.mutiny.Uni;

/** Project-scoped authorization from the projection: unknown projects and other tenants' projects are 404. */
public final class Projects {
    private Projects() {
    }

    public static Uni<ProjectRef> visible(Caller caller, String projectId) {
        return ProjectRef.<ProjectRef>findById(projectId).map(project -> {
            if (project == null || !caller.isMemberOf(project.organizationId)) {
                throw ApiException.notFound("project");
            }
            return project;
        });
    }

    /** Visible, and the caller holds the admin or developer role in the project's organization. */
    public static Uni<ProjectRef> writable(Caller caller, String projectId) {
        return visible(caller, projectId).map(project -> {
            Access.writer(caller, project.organizationId, "project");
            return project;
        });
    }
}
