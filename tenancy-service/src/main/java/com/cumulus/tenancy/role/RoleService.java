package com.cumulus.tenancy.role;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.events.TenancyEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Organization-defined roles (seed 002 PATCH/DELETE /orgs/{org}/roles/{role}); built-in roles cannot change. */
@ApplicationScoped
public class RoleService {

    public static final String ROLE_UPDATED = "com.cumulus.tenancy.role.updated.v1";
    public static final String ROLE_DELETED = "com.cumulus.tenancy.role.deleted.v1";

    private final AccessService access;
    private final TenancyEvents events;

    public RoleService(AccessService access, TenancyEvents events) {
        this.access = access;
        this.events = events;
    }

    /** Creates or updates the role; null fields stay unchanged. */
    @WithTransaction
    public Uni<OrgRole> upsert(Caller caller, UUID organizationId, String name, String title, String summary,
                               Set<String> permissions) {
        if (Permissions.BUILT_IN.containsKey(name)) {
            return Uni.createFrom().failure(ApiException.conflict("built-in role " + name + " cannot be changed"));
        }
        if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
            return Uni.createFrom().failure(ApiException.invalid("name", "must be lowercase letters, digits and '-'"));
        }
        if (permissions != null) {
            for (String p : permissions) {
                if (!Permissions.ALL.contains(p)) {
                    return Uni.createFrom().failure(ApiException.invalid("permissions", "unknown permission " + p));
                }
            }
        }
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> OrgRole.<OrgRole>find("organizationId = ?1 and name = ?2", organizationId, name).<OrgRole>firstResult())
                .chain(found -> {
                    OrgRole r = found;
                    if (r == null) {
                        r = new OrgRole();
                        r.id = UUID.randomUUID();
                        r.organizationId = organizationId;
                        r.name = name;
                        r.createdAt = OffsetDateTime.now();
                    } else {
                        r.modifiedAt = OffsetDateTime.now();
                    }
                    if (title != null) {
                        r.title = title;
                    }
                    if (summary != null) {
                        r.summary = summary;
                    }
                    if (permissions != null) {
                        r.permissions = String.join(",", new java.util.TreeSet<>(permissions));
                    }
                    OrgRole role = r;
                    return (found == null ? role.<OrgRole>persist() : Uni.createFrom().item(role))
                            .chain(() -> events.raw(ROLE_UPDATED, role.id.toString(), Map.of("roleId", role.id.toString(),
                                    "organizationId", organizationId.toString(), "name", name,
                                    "permissions", List.copyOf(role.permissionSet())), caller.subject()))
                            .replaceWith(role);
                });
    }

    /** Deletes the role; refused (409) while a member or group still holds it. */
    @WithTransaction
    public Uni<OrgRole> delete(Caller caller, UUID organizationId, String name) {
        if (Permissions.BUILT_IN.containsKey(name)) {
            return Uni.createFrom().failure(ApiException.conflict("built-in role " + name + " cannot be deleted"));
        }
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> OrgRole.<OrgRole>find("organizationId = ?1 and name = ?2", organizationId, name).<OrgRole>firstResult())
                .chain(r -> {
                    if (r == null) {
                        return Uni.createFrom().failure(ApiException.notFound("role"));
                    }
                    String like = "%," + name + ",%";
                    return com.cumulus.tenancy.organization.domain.Membership.count(
                                    "organizationId = ?1 and concat(',', roles, ',') like ?2", organizationId, like)
                            .chain(n -> n > 0 ? Uni.createFrom().item(n) : com.cumulus.tenancy.organization.domain.Group
                                    .count("organizationId = ?1 and concat(',', roleIds, ',') like ?2", organizationId, like))
                            .chain(n -> {
                                if (n > 0) {
                                    return Uni.createFrom().failure(ApiException.conflict("role " + name + " is still assigned"));
                                }
                                return r.delete().chain(() -> events.raw(ROLE_DELETED, r.id.toString(),
                                        Map.of("roleId", r.id.toString(), "organizationId", organizationId.toString(),
                                                "name", name), caller.subject())).replaceWith(r);
                            });
                });
    }
}
