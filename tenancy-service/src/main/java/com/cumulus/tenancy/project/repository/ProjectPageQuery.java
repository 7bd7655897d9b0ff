package com.cumulus.tenancy.project.repository;

import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.access.ReadAccess;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectService.ProjectPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One page of an organization's projects, its total and the caller's access, in one prepared statement on the
 * reactive pool (no Hibernate session): the hottest read of the service. The total is the organization's
 * {@code project_count}, which a trigger keeps (V5 migration): counting the organization's projects on every request
 * cost PostgreSQL more than the rest of the statement. The order (name, id) and the paging are
 * those of the former Panache query (name, id); the rows become detached {@link Project} objects so every dialect maps
 * them as before.
 */
@ApplicationScoped
public class ProjectPageQuery {

    private static final String SQL = ReadAccess.CTE
            + " select " + ReadAccess.COLUMNS + ","
            + " case when " + ReadAccess.MAY_READ + " then"
            + " (select o.project_count from organization o where o.id = $1) else 0 end as total,"
            + " p.id, p.organization_id, p.name, p.description, p.customer_id, p.status, p.plan, p.template_id,"
            + " p.user_limit, p.group_ids, p.tags, p.push_fcm_api_key, p.push_fcm_project_number, p.push_apns_cert,"
            + " p.created_at, p.created_by, p.modified_at, p.modified_by"
            + " from access"
            + " left join lateral (select * from project p where p.organization_id = $1"
            + " and " + ReadAccess.MAY_READ + " order by p.name, p.id limit $5 offset $6) p on true"
            + " order by p.name, p.id";

    private static final int ID = ReadAccess.WIDTH + 1;

    private final Pool pool;
    private final ReadAccess access;

    public ProjectPageQuery(Pool pool, ReadAccess access) {
        this.pool = pool;
        this.access = access;
    }

    /** Page {@code page} (1-based) of {@code size} projects; 404 / 403 as the access check decides. */
    public Uni<ProjectPage> page(Caller caller, UUID organizationId, int page, int size) {
        long offset = (long) (page - 1) * size;
        return pool.preparedQuery(SQL)
                .execute(ReadAccess.params(caller, organizationId).addLong((long) size).addLong(offset))
                .chain((RowSet<Row> rows) -> {
                    Row first = rows.iterator().next();
                    return access.require(caller, organizationId, first, Permissions.PROJECTS_READ).map(a -> {
                        List<Project> items = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            if (row.getValue(ID) != null) {
                                items.add(project(row));
                            }
                        }
                        return new ProjectPage(items, first.getLong(ReadAccess.WIDTH), page, size);
                    });
                });
    }

    /** Columns after the access columns and the total, in the statement's order. */
    private static Project project(Row row) {
        int i = ReadAccess.WIDTH + 1;
        Project p = new Project();
        p.id = row.getUUID(i++);
        p.organizationId = row.getUUID(i++);
        p.name = row.getString(i++);
        p.description = row.getString(i++);
        p.customerId = row.getString(i++);
        p.status = row.getString(i++);
        p.plan = row.getString(i++);
        p.templateId = row.getString(i++);
        p.userLimit = row.getInteger(i++);
        p.groupIds = row.getString(i++);
        p.tags = row.getString(i++);
        p.pushFcmApiKey = row.getString(i++);
        p.pushFcmProjectNumber = row.getString(i++);
        p.pushApnsCert = row.getString(i++);
        p.createdAt = row.getOffsetDateTime(i++);
        p.createdBy = row.getString(i++);
        p.modifiedAt = row.getOffsetDateTime(i++);
        p.modifiedBy = row.getString(i);
        return p;
    }
}
