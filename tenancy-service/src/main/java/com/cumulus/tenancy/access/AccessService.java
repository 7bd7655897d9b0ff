package com.cumulus.tenancy.access;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.organization.repository.OrganizationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/**
 * Authorization from tenancy's own membership tables. A caller who is not a member of an organization gets 404 (its
 * existence is not revealed); a member without the permission gets 403. Must run inside a session.
 */
@ApplicationScoped
public class AccessService {

    private final OrganizationRepository organizations;

    public AccessService(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    public static UUID parseId(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound(what);
        }
    }

    public static UUID tryParse(String raw) {
        try {
            return raw == null ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The caller's access to the organization, or 404 when it does not exist or the caller is no member. A user costs
     * one query (membership and group roles together; an active membership proves the organization exists, the
     * foreign key cascades); only callers without roles there (platform admins) and token-role principals look the
     * organization up.
     */
    public Uni<Access> access(Caller caller, UUID organizationId) {
        requireAuthenticated(caller);
        return rolesOf(caller, organizationId).chain(roles -> {
            if (!mayHoldAccess(caller, roles)) {
                return Uni.createFrom().failure(ApiException.notFound("organization"));
            }
            Uni<Boolean> exists = "user".equals(caller.principalType()) && !roles.isEmpty()
                    ? Uni.createFrom().item(true)
                    : organizations.findById(organizationId).map(org -> org != null);
            return exists.chain(found -> {
                if (!found) {
                    return Uni.createFrom().failure(ApiException.notFound("organization"));
                }
                return permissionsOf(organizationId, roles).map(perms -> new Access(organizationId, caller.subject(),
                        roles, perms, caller.isPlatformAdmin()));
            });
        });
    }

    /** Like {@link #access} but also requires a permission (403 when missing). */
    public Uni<Access> require(Caller caller, UUID organizationId, String permission) {
        return access(caller, organizationId).invoke(a -> requirePermission(a, permission));
    }

    public Uni<Organization> organization(Caller caller, UUID organizationId, String permission) {
        return require(caller, organizationId, permission).chain(a -> organizations.findById(organizationId));
    }

    /**
     * Users: tenancy's active membership row plus the roles of the organization's groups listing them, in one query.
     * API keys, service accounts and clients: the roles their token carries.
     */
    @SuppressWarnings("unchecked")
    private Uni<Set<String>> rolesOf(Caller caller, UUID organizationId) {
        if (!"user".equals(caller.principalType())) {
            return Uni.createFrom().item(caller.rolesIn(organizationId.toString()));
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                        "select m.roles, (select string_agg(g.role_ids, ',') from org_group g"
                                + " where g.organization_id = m.organization_id"
                                + " and (',' || g.user_ids || ',') like ?3)"
                                + " from membership m where m.organization_id = ?1 and m.user_id = ?2 and m.state = ?4",
                        Object[].class)
                .setParameter(1, organizationId).setParameter(2, caller.subject())
                .setParameter(3, groupPattern(caller.subject()))
                .setParameter(4, Membership.ACTIVE)
                .getResultList())
                .map(rows -> {
                    Set<String> roles = new java.util.TreeSet<>();
                    if (rows.isEmpty()) {
                        return roles;
                    }
                    Object[] row = (Object[]) rows.get(0);
                    addRoles(roles, (String) row[0]);
                    addRoles(roles, (String) row[1]);
                    return roles;
                });
    }

    /** Built-in roles' permissions plus those of the organization-defined roles among them. */
    private Uni<Set<String>> permissionsOf(UUID organizationId, Set<String> roles) {
        Set<String> custom = new java.util.TreeSet<>(roles);
        custom.removeAll(Permissions.BUILT_IN.keySet());
        if (custom.isEmpty()) {
            return Uni.createFrom().item(Permissions.of(roles));
        }
        return com.cumulus.tenancy.role.OrgRole.<com.cumulus.tenancy.role.OrgRole>find(
                        "organizationId = ?1 and name in ?2", organizationId, custom).list()
                .map(list -> {
                    Set<String> perms = new java.util.TreeSet<>(Permissions.of(roles));
                    list.forEach(r -> perms.addAll(r.permissionSet()));
                    return perms;
                });
    }

    /** 400 naming {@code field} unless every role is built-in or defined by the organization. */
    public Uni<Void> checkRoles(UUID organizationId, java.util.Collection<String> roles, String field) {
        if (roles == null) {
            return Uni.createFrom().voidItem();
        }
        Set<String> custom = new java.util.TreeSet<>(roles);
        custom.removeAll(Permissions.BUILT_IN.keySet());
        if (custom.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return com.cumulus.tenancy.role.OrgRole.count("organizationId = ?1 and name in ?2", organizationId, custom)
                .invoke(n -> {
                    if (n < custom.size()) {
                        throw ApiException.invalid(field, "unknown role in " + custom);
                    }
                }).replaceWithVoid();
    }

    /** A caller without roles in the organization sees nothing of it (404), unless a platform administrator. */
    static boolean mayHoldAccess(Caller caller, Set<String> roles) {
        return !roles.isEmpty() || caller.isPlatformAdmin();
    }

    /** 403 unless the access grants the permission. */
    static void requirePermission(Access access, String permission) {
        if (!access.can(permission)) {
            throw ApiException.forbidden("permission " + permission + " is required");
        }
    }

    /** LIKE pattern matching the subject in a group's comma-separated {@code user_ids}. */
    static String groupPattern(String subject) {
        return "%," + subject.replace("%", "\\%").replace("_", "\\_") + ",%";
    }

    /** Adds the roles of a comma-separated list (membership or group roles; null adds nothing). */
    static void addRoles(Set<String> into, String csv) {
        if (csv == null) {
            return;
        }
        for (String role : csv.split(",")) {
            if (!role.isBlank()) {
                into.add(role.trim());
            }
        }
    }

    public static void requireAuthenticated(Caller caller) {
        if (caller == null || caller.subject() == null) {
            throw ApiException.unauthorized("authentication required");
        }
    }
}
