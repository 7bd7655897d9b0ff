package com.cumulus.identity.account.repository;

import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.db.Rows;
import com.cumulus.identity.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code app_user} rows, on the current transaction when there is one ({@link Sql}). */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, email, first_name, last_name, password_hash, organization_id, role,"
            + " platform_admin, created_at, updated_at";
    private static final String SELECT = "select " + COLUMNS + " from app_user where ";

    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<User> findById(UUID id) {
        return sql.one(SELECT + "id = $1", Tuple.of(id), UserRepository::user);
    }

    /** The user with this email (normalized first), or null. */
    public Uni<User> byEmail(String email) {
        return sql.one(SELECT + "email = $1", Tuple.of(User.normalize(email)), UserRepository::user);
    }

    public Uni<List<User>> byOrganization(UUID organizationId) {
        return sql.list(SELECT + "organization_id = $1", Tuple.of(organizationId), UserRepository::user);
    }

    /**
     * The users (table aliased {@code u}) that satisfy {@code condition}, a SQL condition whose placeholders
     * {@code $1..} take {@code args}, ordered by email, at most {@code limit}.
     */
    public Uni<List<User>> matching(String condition, Tuple args, int limit) {
        return sql.list("select " + COLUMNS + " from app_user u where " + condition
                + " order by u.email limit " + limit, args, UserRepository::user);
    }

    public Uni<User> insert(User u) {
        return sql.run("insert into app_user (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                values(u)).replaceWith(u);
    }

    /** Writes every column of {@code u} (by id). */
    public Uni<User> update(User u) {
        return sql.run("update app_user set email = $2, first_name = $3, last_name = $4, password_hash = $5,"
                + " organization_id = $6, role = $7, platform_admin = $8, created_at = $9, updated_at = $10"
                + " where id = $1", values(u)).replaceWith(u);
    }

    public Uni<Boolean> delete(UUID id) {
        return sql.changed("delete from app_user where id = $1", Tuple.of(id)).map(n -> n > 0);
    }

    /** Detaches the organization's users from it (their seed-003 account organization and role become null). */
    public Uni<Integer> clearOrganization(UUID organizationId) {
        return sql.changed("update app_user set organization_id = null, role = null where organization_id = $1",
                Tuple.of(organizationId));
    }

    private static Tuple values(User u) {
        return Tuple.from(new Object[]{u.id, u.email, u.firstName, u.lastName, u.passwordHash, u.organizationId,
                u.role, u.platformAdmin, Rows.utc(u.createdAt), Rows.utc(u.updatedAt)});
    }

    static User user(Row row) {
        User u = new User();
        u.id = row.getUUID("id");
        u.email = row.getString("email");
        u.firstName = row.getString("first_name");
        u.lastName = row.getString("last_name");
        u.passwordHash = row.getString("password_hash");
        u.organizationId = row.getUUID("organization_id");
        u.role = row.getString("role");
        u.platformAdmin = row.getBoolean("platform_admin");
        u.createdAt = Rows.instant(row, "created_at");
        u.updatedAt = Rows.instant(row, "updated_at");
        return u;
    }
}
