package com.cumulus.identity.membership;

import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Projection of tenancy's memberships (organization id, user id, roles) that feeds the {@code orgs} claim.
 * Identity also writes a row itself when it creates a user in an organization, so the first token already carries it;
 * tenancy's membership events then overwrite it with the full role set.
 */
@ApplicationScoped
public class MembershipStore {

    /**
     * A scalar subquery of the memberships of the user aliased {@code u} as {@code [[orgId, "role,role"], ...]}
     * ordered by organization id, for hot paths that read the {@code orgs} claim in their one statement; decoded by
     * {@link #fromJson}.
     */
    public static final String ORGS_JSON = "(select json_agg(json_build_array(cast(m.organization_id as text), m.roles)"
            + " order by m.organization_id) from membership m where m.user_id = u.id)";

    /** The value of {@link #ORGS_JSON} as {@link #orgsOf} returns it (empty for null). */
    public static Map<String, List<String>> fromJson(Object value) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        JsonArray rows = value instanceof JsonArray array ? array : new JsonArray(value.toString());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray pair = rows.getJsonArray(i);
            out.put(pair.getString(0), split(pair.getString(1)));
        }
        return out;
    }

    private final Sql sql;

    public MembershipStore(Sql sql) {
        this.sql = sql;
    }

    public Uni<Map<String, List<String>>> orgsOf(UUID userId) {
        return sql.list("select cast(organization_id as text), roles from membership where user_id = $1"
                        + " order by organization_id", Tuple.of(userId),
                row -> Map.entry(row.getString(0), split(row.getString(1))))
                .map(pairs -> pairs.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (first, last) -> last, LinkedHashMap::new)));
    }

    public Uni<Void> grant(UUID organizationId, UUID userId, Collection<String> roles) {
        return sql.run("insert into membership (organization_id, user_id, roles) values ($1, $2, $3)"
                + " on conflict (organization_id, user_id) do update set roles = excluded.roles",
                Tuple.of(organizationId, userId, String.join(",", roles)));
    }

    public Uni<Void> revoke(UUID organizationId, UUID userId) {
        return sql.run("delete from membership where organization_id = $1 and user_id = $2",
                Tuple.of(organizationId, userId));
    }

    public Uni<Void> revokeUser(UUID userId) {
        return sql.run("delete from membership where user_id = $1", Tuple.of(userId));
    }

    public Uni<Void> deleteOrganization(UUID organizationId) {
        return sql.run("delete from membership where organization_id = $1", Tuple.of(organizationId));
    }

    static List<String> split(String roles) {
        return roles == null || roles.isBlank() ? List.of() : Arrays.stream(roles.split(",")).toList();
    }
}
