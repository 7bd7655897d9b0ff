package com.cumulus.tenancy.organization.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.UserProfile;
import com.cumulus.tenancy.organization.repository.MemberListQuery;
import com.cumulus.tenancy.organization.repository.MembershipRepository;
import com.cumulus.tenancy.organization.repository.UserProfileRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Members of organizations and the user profiles identity publishes. */
@ApplicationScoped
public class MembershipService {

    /** A membership joined with the member's profile (which may not have arrived yet). */
    public record Member(Membership membership, UserProfile profile) {
        public String displayName() {
            return profile == null ? membership.userId : profile.fullName();
        }

        public String email() {
            return profile == null ? null : profile.email;
        }
    }

    private final MembershipRepository memberships;
    private final MemberListQuery memberList;
    private final UserProfileRepository profiles;
    private final AccessService access;
    private final TenancyEvents events;

    public MembershipService(MembershipRepository memberships, MemberListQuery memberList, UserProfileRepository profiles, AccessService access,
                             TenancyEvents events) {
        this.memberships = memberships;
        this.memberList = memberList;
        this.profiles = profiles;
        this.access = access;
        this.events = events;
    }

    public Uni<UserProfile> upsertProfile(String userId, String email, String firstName, String lastName) {
        return profiles.findById(userId).chain(p -> {
            UserProfile profile = p != null ? p : new UserProfile();
            profile.userId = userId;
            if (email != null) {
                profile.email = email.toLowerCase();
            }
            if (firstName != null) {
                profile.firstName = firstName;
            }
            if (lastName != null) {
                profile.lastName = lastName;
            }
            profile.updatedAt = OffsetDateTime.now();
            return p != null ? Uni.createFrom().item(profile) : profiles.persist(profile);
        });
    }

    /** Removes a user's membership of one organization (or of all, when organizationId is null). */
    public Uni<Void> removeUser(UUID organizationId, String userId, String actor) {
        Uni<List<Membership>> targets = organizationId == null ? memberships.ofUser(userId)
                : memberships.find(organizationId, userId).map(m -> m == null ? List.of() : List.of(m));
        return targets.chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Membership m : list) {
                chain = chain.chain(() -> memberships.delete(m))
                        .chain(() -> events.membershipRevoked(m.organizationId, m.userId, actor));
            }
            return chain;
        });
    }

    /** One statement on the pool (access check, memberships and profiles), no Hibernate session. */
    public Uni<List<Member>> list(Caller caller, UUID organizationId) {
        return memberList.list(caller, organizationId);
    }

    /** Members holding the role (seed 003 admins/billings/developers lists), of the caller's account. */
    public Uni<List<Member>> withRole(Caller caller, UUID organizationId, String role) {
        return list(caller, organizationId)
                .map(all -> all.stream().filter(m -> m.membership().roleSet().contains(role)).toList());
    }

    @WithSession
    public Uni<Member> get(Caller caller, UUID organizationId, String userId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_READ)
                .chain(a -> found(organizationId, userId))
                .chain(m -> withProfiles(List.of(m)).map(l -> l.get(0)));
    }

    /** Replaces the member's roles (and optionally its state); refuses to leave the organization without an admin. */
    @WithTransaction
    public Uni<Member> change(Caller caller, UUID organizationId, String userId, Set<String> roles, String state) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> access.checkRoles(organizationId, roles, "roles"))
                .chain(a -> found(organizationId, userId))
                .chain(m -> {
                    boolean losesAdmin = roles != null && m.roleSet().contains("admin") && !roles.contains("admin");
                    Uni<Void> guard = losesAdmin ? requireAnotherAdmin(organizationId, userId)
                            : Uni.createFrom().voidItem();
                    return guard.chain(() -> {
                        if (roles != null) {
                            m.setRoles(roles);
                        }
                        if (state != null) {
                            m.state = state;
                        }
                        return Membership.ACTIVE.equals(m.state)
                                ? events.membershipGranted(m, caller.subject())
                                : events.membershipRevoked(organizationId, userId, caller.subject());
                    }).replaceWith(m);
                })
                .chain(m -> withProfiles(List.of(m)).map(l -> l.get(0)));
    }

    /** Adds a member (seed 001 POST users): an existing user is found by id or email in the profile projection. */
    @WithTransaction
    public Uni<Member> add(Caller caller, UUID organizationId, String subject, Set<String> roles, String state) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> access.checkRoles(organizationId, roles, "roles"))
                .chain(a -> profiles.byEmail(subject))
                .chain(found -> {
                    String userId = found.isEmpty() ? subject : found.get(0).userId;
                    return memberships.find(organizationId, userId).chain(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().<Membership>failure(ApiException.conflict("already a member"));
                        }
                        Membership m = Membership.of(organizationId, userId, roles);
                        m.state = state == null ? Membership.ACTIVE : state;
                        Uni<Void> profile = found.isEmpty() && subject.contains("@")
                                ? upsertProfile(userId, subject, null, null).replaceWithVoid()
                                : Uni.createFrom().voidItem();
                        return profile.chain(() -> memberships.persist(m))
                                .chain(() -> Membership.ACTIVE.equals(m.state)
                                        ? events.membershipGranted(m, caller.subject()) : Uni.createFrom().voidItem())
                                .replaceWith(m);
                    });
                })
                .chain(m -> withProfiles(List.of(m)).map(l -> l.get(0)));
    }

    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID organizationId, String userId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> found(organizationId, userId))
                .chain(m -> (m.roleSet().contains("admin") ? requireAnotherAdmin(organizationId, userId)
                        : Uni.createFrom().voidItem())
                        .chain(() -> memberships.delete(m))
                        .chain(() -> events.membershipRevoked(organizationId, userId, caller.subject())));
    }

    private Uni<Void> requireAnotherAdmin(UUID organizationId, String userId) {
        return memberships.ofOrganization(organizationId).invoke(all -> {
            boolean other = all.stream().anyMatch(o -> !o.userId.equals(userId) && o.roleSet().contains("admin")
                    && Membership.ACTIVE.equals(o.state));
            if (!other) {
                throw ApiException.conflict("an organization keeps at least one admin");
            }
        }).replaceWithVoid();
    }

    private Uni<Membership> found(UUID organizationId, String userId) {
        return memberships.find(organizationId, userId).map(m -> {
            if (m == null) {
                throw ApiException.notFound("member");
            }
            return m;
        });
    }

    public Uni<List<Member>> withProfiles(List<Membership> list) {
        return profiles.byIds(list.stream().map(m -> m.userId).toList()).map((Map<String, UserProfile> byId) -> {
            List<Member> out = new ArrayList<>();
            for (Membership m : list) {
                out.add(new Member(m, byId.get(m.userId)));
            }
            return out;
        });
    }
}
