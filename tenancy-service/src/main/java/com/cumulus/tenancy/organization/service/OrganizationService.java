package com.cumulus.tenancy.organization.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.events.EventTypes;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.organization.domain.Membership;
import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.organization.repository.MembershipRepository;
import com.cumulus.tenancy.organization.repository.OrganizationRepository;
import com.cumulus.tenancy.quota.service.QuotaService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Organization use cases shared by every dialect. */
@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final AccessService access;
    private final QuotaService quotas;
    private final TenancyEvents events;

    public OrganizationService(OrganizationRepository organizations, MembershipRepository memberships,
                               AccessService access, QuotaService quotas, TenancyEvents events) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.access = access;
        this.quotas = quotas;
        this.events = events;
    }

    /** Creates an organization; the creator becomes its admin. */
    @WithTransaction
    public Uni<Organization> create(Caller caller, OrganizationDraft draft) {
        AccessService.requireAuthenticated(caller);
        if (!"user".equals(caller.principalType())) {
            return Uni.createFrom().failure(ApiException.forbidden("only users create organizations"));
        }
        Organization org = newOrganization(UUID.randomUUID(), draft, caller.subject());
        return persistWithAdmin(org, caller.subject(), caller.subject());
    }

    /**
     * Creates the organization identity announced (account registration, onboarding) with the given id and makes the
     * user its admin. Idempotent: an existing organization only gains the membership. Runs in the caller's transaction.
     */
    public Uni<Organization> provision(UUID id, String title, String userId, String email, String actor) {
        return organizations.findById(id).chain(existing -> {
            if (existing != null) {
                return grant(existing.id, userId, Set.of("admin"), actor).replaceWith(existing);
            }
            OrganizationDraft draft = new OrganizationDraft(Names.slug(title), title, null, null, null, null);
            Organization org = newOrganization(id, draft, actor);
            org.email = email;
            return persistWithAdmin(org, userId, actor);
        });
    }

    private Organization newOrganization(UUID id, OrganizationDraft draft, String actor) {
        String name = draft.name() != null ? draft.name() : Names.slug(draft.title());
        Names.requireLabel("name", name);
        String type = draft.type() == null ? Organization.TYPE_ADHOC : draft.type();
        validateType(type, draft.emailDomain());
        Organization org = new Organization();
        org.id = id;
        org.name = name;
        org.title = draft.title();
        org.description = draft.description();
        org.type = type;
        org.emailDomain = draft.emailDomain();
        org.state = Organization.ENABLED;
        org.tags = draft.tags();
        org.createdAt = OffsetDateTime.now();
        org.createdBy = actor;
        return org;
    }

    private static void validateType(String type, String domain) {
        if (!Organization.TYPE_ADHOC.equals(type) && !Organization.TYPE_DOMAIN.equals(type)) {
            throw ApiException.invalid("organizationType", "must be adhoc or domain");
        }
        if (Organization.TYPE_DOMAIN.equals(type) && (domain == null || domain.isBlank())) {
            throw ApiException.invalid("domain", "is required for a domain organization");
        }
        if (domain != null && !Names.isHostname(domain)) {
            throw ApiException.invalid("domain", "must be a hostname");
        }
    }

    private Uni<Organization> persistWithAdmin(Organization org, String adminUserId, String actor) {
        Membership admin = Membership.of(org.id, adminUserId, Set.of("admin"));
        return organizations.persistAndFlush(org)
                .chain(() -> memberships.persist(admin))
                .chain(() -> quotas.initialize(org.id))
                .chain(() -> events.organization(EventTypes.ORGANIZATION_CREATED, org, actor))
                .chain(() -> events.membershipGranted(admin, actor))
                .replaceWith(org);
    }

    /** Adds roles to a user's membership (creating it); publishes membership.granted. In the caller's transaction. */
    public Uni<Membership> grant(UUID organizationId, String userId, Set<String> roles, String actor) {
        return memberships.find(organizationId, userId).chain(m -> {
            if (m == null) {
                Membership created = Membership.of(organizationId, userId, roles);
                return memberships.persist(created).chain(() -> events.membershipGranted(created, actor))
                        .replaceWith(created);
            }
            Set<String> merged = m.roleSet();
            if (merged.containsAll(roles) && Membership.ACTIVE.equals(m.state)) {
                return Uni.createFrom().item(m);
            }
            merged.addAll(roles);
            m.setRoles(merged);
            m.state = Membership.ACTIVE;
            return events.membershipGranted(m, actor).replaceWith(m);
        });
    }

    @WithSession
    public Uni<Organization> get(Caller caller, UUID id) {
        return access.organization(caller, id, Permissions.ORG_READ);
    }

    /** Organizations the caller belongs to (users: memberships; keys and service accounts: their token). */
    @WithSession
    public Uni<List<Organization>> mine(Caller caller) {
        AccessService.requireAuthenticated(caller);
        if (!"user".equals(caller.principalType())) {
            Set<UUID> ids = caller.organizations().keySet().stream().map(AccessService::tryParse)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            return organizations.byIds(ids);
        }
        return organizations.ofMember(caller.subject());
    }

    /** Seed 002: {@code /orgs/{org}} by id or by name, among the caller's organizations. */
    @WithSession
    public Uni<Organization> resolve(Caller caller, String nameOrId, String permission) {
        AccessService.requireAuthenticated(caller);
        return resolveId(caller, nameOrId).chain(id -> access.organization(caller, id, permission));
    }

    /** {@link #resolveId} with its own session (for resources). */
    @WithSession
    public Uni<UUID> resolveIdInSession(Caller caller, String nameOrId) {
        return resolveId(caller, nameOrId);
    }

    public Uni<UUID> resolveId(Caller caller, String nameOrId) {
        UUID id = AccessService.tryParse(nameOrId);
        if (id != null) {
            return Uni.createFrom().item(id);
        }
        return mine(caller).map(list -> list.stream().filter(o -> nameOrId.equals(o.name)).map(o -> o.id)
                .findFirst().orElseThrow(() -> ApiException.notFound("organization")));
    }

    /** Seed 003: the caller's account is its first (oldest) organization. */
    @WithSession
    public Uni<Organization> account(Caller caller) {
        return mine(caller).map(list -> {
            if (list.isEmpty()) {
                throw ApiException.notFound("account");
            }
            return list.get(0);
        });
    }

    @WithTransaction
    public Uni<Organization> update(Caller caller, UUID id, OrganizationChange change) {
        return access.organization(caller, id, Permissions.ORG_UPDATE).chain(org -> apply(caller, org, change));
    }

    /** An update with a dialect-specific edit of the row (e.g. seed 004 private endpoints), in one transaction. */
    @WithTransaction
    public Uni<Organization> update(Caller caller, UUID id, OrganizationChange change,
                                    java.util.function.Consumer<Organization> edit) {
        return access.organization(caller, id, Permissions.ORG_UPDATE)
                .invoke(edit)
                .chain(org -> apply(caller, org, change));
    }

    /** Seed 003: updates the caller's account (its first organization). */
    @WithTransaction
    public Uni<Organization> updateAccount(Caller caller, OrganizationChange change) {
        return account(caller).chain(org -> access.organization(caller, org.id, Permissions.ORG_UPDATE))
                .chain(org -> apply(caller, org, change));
    }

    private Uni<Organization> apply(Caller caller, Organization org, OrganizationChange c) {
        if (c.name() != null) {
            Names.requireLabel("name", c.name());
            org.name = c.name();
        }
        if (c.title() != null) {
            org.title = c.title();
        }
        if (c.description() != null) {
            org.description = c.description();
        }
        String type = c.type() != null ? c.type() : org.type;
        String domain = c.emailDomain() != null ? c.emailDomain() : org.emailDomain;
        validateType(type, domain);
        org.type = type;
        org.emailDomain = domain;
        if (c.state() != null) {
            if (!Organization.ENABLED.equals(c.state()) && !Organization.DISABLED.equals(c.state())) {
                throw ApiException.invalid("state", "must be enabled or disabled");
            }
            org.state = c.state();
        }
        if (c.tags() != null) {
            org.tags = c.tags();
        }
        if (c.address() != null) {
            org.address = c.address();
        }
        if (c.phone() != null) {
            org.phone = c.phone();
        }
        org.modifiedAt = OffsetDateTime.now();
        org.modifiedBy = caller.subject();
        Uni<Void> emailCheck = Uni.createFrom().voidItem();
        if (c.email() != null && !c.email().equalsIgnoreCase(org.email == null ? "" : org.email)) {
            emailCheck = organizations.count("lower(email) = lower(?1) and id <> ?2", c.email(), org.id)
                    .invoke(n -> {
                        if (n > 0) {
                            throw ApiException.conflict("email address already used");
                        }
                    }).replaceWithVoid();
            org.email = c.email();
        }
        return emailCheck.chain(() -> events.organization(EventTypes.ORGANIZATION_UPDATED, org, caller.subject()))
                .replaceWith(org);
    }

    /** Deletes the organization and everything tenancy holds for it; other services follow organization.deleted. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return access.organization(caller, id, Permissions.ORG_DELETE).chain(org -> remove(org, caller.subject()));
    }

    @WithTransaction
    public Uni<Void> deleteAccount(Caller caller) {
        return account(caller).chain(org -> access.organization(caller, org.id, Permissions.ORG_DELETE))
                .chain(org -> remove(org, caller.subject()));
    }

    private Uni<Void> remove(Organization org, String actor) {
        UUID id = org.id;
        return organizations.delete("id", id)
                .chain(() -> events.organizationDeleted(id, actor));
    }
}
