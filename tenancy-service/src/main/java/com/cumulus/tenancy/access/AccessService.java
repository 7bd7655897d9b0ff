package com.cumulus.tenancy.access;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.organization.repository.MembershipRepository;
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
    private final MembershipRepository memberships;
    private final com.cumulus.tenancy.organization.repository.GroupRepository groups;

    public AccessService(OrganizationRepository organizations, MembershipRepository memberships,
                         com.cumulus.tenancy.organization.repository.GroupRepository groups) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.groups = groups;
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

    /** The caller's access to the organization, or 404 when it does not exist or the caller is no member. */
    public Uni<Access> access(Caller caller, UUID organizationId) {
        requireAuthenticated(caller);
        return organizations.findById(organizationId).chain(org -> {
            if (org == null) {
                return Uni.createFrom().failure(ApiException.notFound("organization"));
            }
            return rolesOf(caller, organizationId).chain(roles -> {
                if (roles.isEmpty() && !caller.isPlatformAdmin()) {
                    return Uni.createFrom().failure(ApiException.notFound("organization"));
                }
                return permissionsOf(organizationId, roles).map(perms -> new Access(organizationId, caller.subject(),
                        roles, perms, caller.isPlatformAdmin()));
            });
        });
    }

    /** Like {@link #access} but also requires a permission (403 when missing). */
    public Uni<Access> require(Caller caller, UUID organizationId, String permission) {
        return access(caller, organizationId).invoke(a -> {
            if (!a.can(permission)) {
                throw ApiException.forbidden("permission " + permission + " is required");
            }
        });
    }

    public Uni<Organization> organization(Caller caller, UUID organizationId, String permission) {
        return require(caller, organizationId, permission).chain(a -> organizations.findById(organizationId));
    }

    /** Users: tenancy's membership rows. API keys, service accounts and clients: the roles their token carries. */
    private Uni<Set<String>> rolesOf(Caller caller, UUID organizationId) {
        if (!"user".equals(caller.principalType())) {
            return Uni.createFrom().item(caller.rolesIn(organizationId.toString()));
        }
        return memberships.find(organizationId, caller.subject()).chain(m -> {
            if (m == null || !Membership.ACTIVE.equals(m.state)) {
                return Uni.createFrom().item(Set.<String>of());
            }
            Set<String> roles = m.roleSet();
            return groups.find("organizationId = ?1 and concat(',', userIds, ',') like ?2", organizationId,
                    "%," + caller.subject() + ",%").list().map(list -> {
                        list.forEach(g -> roles.addAll(com.cumulus.tenancy.group.GroupService.split(g.roleIds)));
                        return roles;
                    });
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

    public static void requireAuthenticated(Caller caller) {
        if (caller == null || caller.subject() == null) {
            throw ApiException.unauthorized("authentication required");
        }
    }
}
