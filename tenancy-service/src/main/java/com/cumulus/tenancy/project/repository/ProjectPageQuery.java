package com.cumulus.tenancy.project.repository;

import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.access.ReadAccess;
import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.project.service.ProjectService.ProjectPage;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 *
 * <p>Pages are kept, stamped with the organization's {@code project_version} read in the same statement (V6: a
 * trigger advances it with every insert, update and delete of one of its projects). A page kept at version v is
 * served again after a probe, the access check and the version alone, finds v still current: the caller's access
 * is checked on every request, and any change to the projects, by any replica or tool, makes the probe miss and the
 * page be read again. The probe costs PostgreSQL about a third of the page's statement (docs/tenancy-service.md).
 */
@ApplicationScoped
public class ProjectPageQuery {

    private static final String VERSION = "case when " + ReadAccess.MAY_READ + " then"
            + " (select o.project_version from organization o where o.id = $1) else 0 end as version";

    private static final String SQL = ReadAccess.CTE
            + " select " + ReadAccess.COLUMNS + ", " + VERSION + ","
            + " case when " + ReadAccess.MAY_READ + " then"
            + " (select o.project_count from organization o where o.id = $1) else 0 end as total,"
            + " p.id, p.organization_id, p.name, p.description, p.customer_id, p.status, p.plan, p.template_id,"
            + " p.user_limit, p.group_ids, p.tags, p.push_fcm_api_key, p.push_fcm_project_number, p.push_apns_cert,"
            + " p.created_at, p.created_by, p.modified_at, p.modified_by"
            + " from access"
            + " left join lateral (select * from project p where p.organization_id = $1"
            + " and " + ReadAccess.MAY_READ + " order by p.name, p.id limit $5 offset $6) p on true"
            + " order by p.name, p.id";

    /** The access columns and the version alone: whether a kept page is still the current one. */
    private static final String PROBE = ReadAccess.CTE + " select " + ReadAccess.COLUMNS + ", " + VERSION
            + " from access";

    private static final int VERSION_COLUMN = ReadAccess.WIDTH;
    private static final int TOTAL = ReadAccess.WIDTH + 1;
    private static final int ID = ReadAccess.WIDTH + 2;

    private final Pool pool;
    private final ReadAccess access;
    /** Kept pages by organization, page and size; null when the cache is configured off. */
    private final Cache<PageKey, VersionedPage> kept;

    public ProjectPageQuery(Pool pool, ReadAccess access, TenancyConfig config) {
        this.pool = pool;
        this.access = access;
        int size = config.paging().projectPageCacheSize();
        this.kept = size > 0 ? Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build() : null;
    }

    /** Page {@code page} (1-based) of {@code size} projects; 404 / 403 as the access check decides. */
    public Uni<ProjectPage> page(Caller caller, UUID organizationId, int page, int size) {
        PageKey key = new PageKey(organizationId, page, size);
        VersionedPage candidate = kept == null ? null : kept.getIfPresent(key);
        if (candidate == null) {
            return read(caller, key);
        }
        return pool.preparedQuery(PROBE).execute(ReadAccess.params(caller, organizationId))
                .chain((RowSet<Row> rows) -> {
                    Row first = rows.iterator().next();
                    Long version = first.getLong(VERSION_COLUMN);
                    if (version == null || version != candidate.version()) {
                        return read(caller, key); // checks the access itself
                    }
                    return access.require(caller, organizationId, first, Permissions.PROJECTS_READ)
                            .map(a -> candidate.page());
                });
    }

    private Uni<ProjectPage> read(Caller caller, PageKey key) {
        long offset = (long) (key.page() - 1) * key.size();
        return pool.preparedQuery(SQL)
                .execute(ReadAccess.params(caller, key.organizationId()).addLong((long) key.size()).addLong(offset))
                .chain((RowSet<Row> rows) -> {
                    Row first = rows.iterator().next();
                    return access.require(caller, key.organizationId(), first, Permissions.PROJECTS_READ).map(a -> {
                        List<Project> items = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            if (row.getValue(ID) != null) {
                                items.add(project(row));
                            }
                        }
                        ProjectPage read = new ProjectPage(List.copyOf(items), first.getLong(TOTAL), key.page(),
                                key.size());
                        if (kept != null) {
                            kept.put(key, new VersionedPage(first.getLong(VERSION_COLUMN), read));
                        }
                        return read;
                    });
                });
    }

    private record PageKey(UUID organizationId, int page, int size) {
    }

    private record VersionedPage(long version, ProjectPage page) {
    }

    /** Columns after the access columns and the total, in the statement's order. */
    private static Project project(Row row) {
        int i = ID;
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
