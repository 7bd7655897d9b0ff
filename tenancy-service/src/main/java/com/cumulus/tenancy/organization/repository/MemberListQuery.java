package com.cumulus.tenancy.organization.repository;

import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.access.ReadAccess;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.UserProfile;
import com.cumulus.tenancy.organization.service.MembershipService.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An organization's members (every state) with their profiles and the caller's access, in one prepared statement on
 * the reactive pool (no Hibernate session). Order (joined_at, user_id) as {@link MembershipRepository#ofOrganization};
 * the rows become detached {@link Membership} / {@link UserProfile} objects so every dialect maps them as before.
 */
@ApplicationScoped
public class MemberListQuery {

    private static final String SQL = ReadAccess.CTE
            + " select " + ReadAccess.COLUMNS + ", x.id, x.organization_id, x.user_id, x.roles, x.state, x.joined_at,"
            + " x.last_active, x.profile_user_id, x.email, x.first_name, x.last_name, x.updated_at"
            + " from access left join lateral (select m.id, m.organization_id, m.user_id, m.roles, m.state,"
            + " m.joined_at, m.last_active, u.user_id as profile_user_id, u.email, u.first_name, u.last_name,"
            + " u.updated_at"
            + " from membership m left join user_profile u on u.user_id = m.user_id"
            + " where m.organization_id = $1 and " + ReadAccess.MAY_READ + ") x on true"
            + " order by x.joined_at, x.user_id";

    private final Pool pool;
    private final ReadAccess access;

    public MemberListQuery(Pool pool, ReadAccess access) {
        this.pool = pool;
        this.access = access;
    }

    /** The members when the caller may read them (members.read); 404 / 403 as the access check decides. */
    public Uni<List<Member>> list(Caller caller, UUID organizationId) {
        return pool.preparedQuery(SQL)
                .execute(ReadAccess.params(caller, organizationId))
                .chain((RowSet<Row> rows) -> access.require(caller, organizationId, rows.iterator().next(),
                        Permissions.MEMBERS_READ).map(a -> {
                            List<Member> members = new ArrayList<>(rows.size());
                            for (Row row : rows) {
                                if (row.getValue(ReadAccess.WIDTH) != null) {
                                    members.add(member(row));
                                }
                            }
                            return members;
                        }));
    }

    /** Columns after the access columns, in the statement's order. */
    private static Member member(Row row) {
        int i = ReadAccess.WIDTH;
        Membership m = new Membership();
        m.id = row.getUUID(i++);
        m.organizationId = row.getUUID(i++);
        m.userId = row.getString(i++);
        m.roles = row.getString(i++);
        m.state = row.getString(i++);
        m.joinedAt = row.getOffsetDateTime(i++);
        m.lastActive = row.getOffsetDateTime(i++);
        String profileUserId = row.getString(i++);
        UserProfile profile = null;
        if (profileUserId != null) {
            profile = new UserProfile();
            profile.userId = profileUserId;
            profile.email = row.getString(i++);
            profile.firstName = row.getString(i++);
            profile.lastName = row.getString(i++);
            profile.updatedAt = row.getOffsetDateTime(i);
        }
        return new Member(m, profile);
    }
}
