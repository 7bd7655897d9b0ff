package com.cumulus.tenancy.group;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.organization.domain.Group;
import com.cumulus.tenancy.organization.repository.GroupRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Groups of users and service accounts holding roles; a group's roles add to its members' own roles. */
@ApplicationScoped
public class GroupService {

    public static final String GROUP_UPDATED = "com.cumulus.tenancy.group.updated.v1";
    public static final String GROUP_DELETED = "com.cumulus.tenancy.group.deleted.v1";

    /** name, description, member ids and role names; null lists are left unchanged on update. */
    public record GroupDraft(String name, String description, List<String> userIds, List<String> serviceAccountIds,
                             List<String> roles) {
    }

    private final GroupRepository groups;
    private final AccessService access;
    private final TenancyEvents events;

    public GroupService(GroupRepository groups, AccessService access, TenancyEvents events) {
        this.groups = groups;
        this.access = access;
        this.events = events;
    }

    @WithSession
    public Uni<List<Group>> list(Caller caller, UUID organizationId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_READ)
                .chain(a -> groups.find("organizationId = ?1 order by name, id", organizationId).list());
    }

    @WithSession
    public Uni<Group> get(Caller caller, UUID organizationId, String groupId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_READ).chain(a -> found(organizationId, groupId));
    }

    @WithTransaction
    public Uni<Group> create(Caller caller, UUID organizationId, GroupDraft d) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> access.checkRoles(organizationId, d.roles(), "spec.roleIDs"))
                .chain(a -> groups.count("organizationId = ?1 and name = ?2", organizationId, d.name()))
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(ApiException.conflict("a group named " + d.name() + " exists"));
                    }
                    Group g = new Group();
                    g.id = UUID.randomUUID();
                    g.organizationId = organizationId;
                    g.createdAt = OffsetDateTime.now();
                    g.createdBy = caller.subject();
                    apply(g, d);
                    return groups.persist(g).chain(() -> event(EventTypes.GROUP_CREATED, g, caller)).replaceWith(g);
                });
    }

    @WithTransaction
    public Uni<Group> update(Caller caller, UUID organizationId, String groupId, GroupDraft d) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> access.checkRoles(organizationId, d.roles(), "spec.roleIDs"))
                .chain(a -> found(organizationId, groupId))
                .chain(g -> (d.name() != null && !d.name().equals(g.name)
                        ? groups.count("organizationId = ?1 and name = ?2", organizationId, d.name())
                        : Uni.createFrom().item(0L)).chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(ApiException.conflict("a group named " + d.name() + " exists"));
                    }
                    apply(g, d);
                    g.modifiedAt = OffsetDateTime.now();
                    g.modifiedBy = caller.subject();
                    return event(GROUP_UPDATED, g, caller).replaceWith(g);
                }));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID organizationId, String groupId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> found(organizationId, groupId))
                .chain(g -> groups.delete(g).chain(() -> event(GROUP_DELETED, g, caller)));
    }

    private Uni<Void> event(String type, Group g, Caller caller) {
        return events.raw(type, g.id.toString(), Map.of("groupId", g.id.toString(),
                "organizationId", g.organizationId.toString(), "name", g.name,
                "userIds", split(g.userIds), "roles", split(g.roleIds)), caller.subject());
    }

    private static void apply(Group g, GroupDraft d) {
        if (d.name() != null) {
            g.name = d.name();
        }
        if (d.description() != null) {
            g.description = d.description();
        }
        if (d.userIds() != null) {
            g.userIds = String.join(",", d.userIds());
        }
        if (d.serviceAccountIds() != null) {
            g.serviceAccountIds = String.join(",", d.serviceAccountIds());
        }
        if (d.roles() != null) {
            g.roleIds = String.join(",", d.roles());
        }
    }

    private Uni<Group> found(UUID organizationId, String groupId) {
        UUID id = AccessService.tryParse(groupId);
        if (id == null) {
            return Uni.createFrom().failure(ApiException.notFound("group"));
        }
        return groups.findById(id).map(g -> {
            if (g == null || !g.organizationId.equals(organizationId)) {
                throw ApiException.notFound("group");
            }
            return g;
        });
    }

    public static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
    }
}
