package com.cumulus.tenancy.access;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.role.OrgRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The access check of the hot read paths (project pages, member lists), folded into the read's own statement so a
 * request costs one round trip on the reactive pool and no Hibernate session. Same rules as
 * {@link AccessService#access}: a user's roles are those of its active membership plus those of the organization's
 * groups listing it (group roles count only with an active membership); API keys, service accounts and clients hold
 * the roles their token carries; a caller without roles there (unless platform admin) or an unknown organization
 * gets 404; a missing permission 403.
 *
 * <p>A read selects {@link #COLUMNS} from {@link #CTE} (parameters {@code $1} organization id, {@code $2} subject,
 * {@code $3} the subject's group pattern, see {@link #params}) and gates its rows with {@link #MAY_READ} and
 * {@code $4}, so nothing is read for a caller who has no roles there.
 */
@ApplicationScoped
public class ReadAccess {

    /** The caller's membership roles, its groups' roles and whether the organization exists: one row. */
    public static final String CTE = "with access as (select"
            + " (select m.roles from membership m where m.organization_id = $1 and m.user_id = $2"
            + " and m.state = '" + Membership.ACTIVE + "') as member_roles,"
            + " (select string_agg(g.role_ids, ',') from org_group g where g.organization_id = $1"
            + " and (',' || g.user_ids || ',') like $3) as group_roles,"
            + " exists (select 1 from organization o where o.id = $1) as org_exists)";

    /** The first three columns of every read, in this order (rows are read by position). */
    public static final String COLUMNS = "access.member_roles, access.group_roles, access.org_exists";

    /** The number of {@link #COLUMNS}: a read's own columns start at this position. */
    public static final int WIDTH = 3;

    /** True when the caller may hold roles there: a user's active membership, or {@code $4} (roles not from tables). */
    public static final String MAY_READ = "(access.member_roles is not null or $4)";

    private final Pool pool;

    public ReadAccess(Pool pool) {
        this.pool = pool;
    }

    /** {@code $1..$4} of {@link #CTE} and {@link #MAY_READ}, then the read's own parameters. */
    public static Tuple params(Caller caller, UUID organizationId) {
        AccessService.requireAuthenticated(caller);
        boolean user = isUser(caller);
        String subject = caller.subject();
        return Tuple.of(organizationId, user ? subject : "",
                user ? AccessService.groupPattern(subject) : "",
                !user || caller.isPlatformAdmin());
    }

    /**
     * The caller's access from the access columns of the read's first row, or 404 / 403 as {@link AccessService}
     * decides. Organization-defined roles cost one more query (their permissions).
     */
    public Uni<Access> require(Caller caller, UUID organizationId, Row first, String permission) {
        Set<String> roles;
        if (isUser(caller)) {
            roles = new TreeSet<>();
            String member = first.getString(0);
            if (member != null) {
                AccessService.addRoles(roles, member);
                AccessService.addRoles(roles, first.getString(1));
            }
        } else {
            roles = caller.rolesIn(organizationId.toString());
        }
        if (!AccessService.mayHoldAccess(caller, roles) || !Boolean.TRUE.equals(first.getBoolean(2))) {
            return Uni.createFrom().failure(ApiException.notFound("organization"));
        }
        return permissions(organizationId, roles).map(perms -> {
            Access access = new Access(organizationId, caller.subject(), roles, perms, caller.isPlatformAdmin());
            AccessService.requirePermission(access, permission);
            return access;
        });
    }

    private Uni<Set<String>> permissions(UUID organizationId, Set<String> roles) {
        Set<String> custom = new TreeSet<>(roles);
        custom.removeAll(Permissions.BUILT_IN.keySet());
        if (custom.isEmpty()) {
            return Uni.createFrom().item(Permissions.of(roles));
        }
        return pool.preparedQuery("select permissions from org_role where organization_id = $1 and name = any($2)")
                .execute(Tuple.of(organizationId, custom.toArray(new String[0])))
                .map((RowSet<Row> rows) -> {
                    Set<String> perms = new TreeSet<>(Permissions.of(roles));
                    for (Row row : rows) {
                        perms.addAll(OrgRole.permissionSet(row.getString(0)));
                    }
                    return perms;
                });
    }

    private static boolean isUser(Caller caller) {
        return "user".equals(caller.principalType());
    }
}
