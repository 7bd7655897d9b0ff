package com.cumulus.tenancy.invitation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.config.TenancyConfig;
import com.cumulus.tenancy.events.TenancyEvents;
import com.cumulus.tenancy.invitation.domain.Invitation;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.project.service.ProjectService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Invitations by email, mailed through the SMTP sink; accepted once, before they expire. */
@ApplicationScoped
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");
    public static final String INVITATION_CREATED = "com.cumulus.tenancy.invitation.created.v1";
    public static final String INVITATION_ACCEPTED = "com.cumulus.tenancy.invitation.accepted.v1";
    public static final String INVITATION_DELETED = "com.cumulus.tenancy.invitation.deleted.v1";
    public static final String INVITATION_REGISTERED = "com.cumulus.tenancy.invitation.registered.v1";

    /** Who registers through an invitation (no password: identity owns credentials). */
    public record Registration(String code, String email, String username, String firstName, String lastName) {
    }

    /** The result of a registration: the used invitation, the new membership and the profile recorded for it. */
    public record Registered(Invitation invitation, com.cumulus.tenancy.organization.service.MembershipService.Member member) {
    }

    /** What to invite: emails, roles, validity; projectId null for an organization invitation. */
    public record InvitationRequest(List<String> emails, Set<String> roles, Integer expireDays, boolean secure,
                                    UUID projectId) {
    }

    private final AccessService access;
    private final OrganizationService organizations;
    private final ProjectService projects;
    private final TenancyEvents events;
    private final ReactiveMailer mailer;
    private final TenancyConfig config;
    private final com.cumulus.tenancy.organization.service.MembershipService members;
    private final com.cumulus.tenancy.project.service.ProjectUsage usage;

    public InvitationService(AccessService access, OrganizationService organizations, ProjectService projects,
                             TenancyEvents events, ReactiveMailer mailer, TenancyConfig config,
                             com.cumulus.tenancy.organization.service.MembershipService members,
                             com.cumulus.tenancy.project.service.ProjectUsage usage) {
        this.members = members;
        this.usage = usage;
        this.access = access;
        this.organizations = organizations;
        this.projects = projects;
        this.events = events;
        this.mailer = mailer;
        this.config = config;
    }

    /** Creates the invitations (permission members.manage) and then mails each invitee its code. */
    public Uni<List<Invitation>> invite(Caller caller, UUID organizationId, InvitationRequest request) {
        return store(caller, organizationId, request).call(this::mail);
    }

    @WithTransaction
    Uni<List<Invitation>> store(Caller caller, UUID organizationId, InvitationRequest r) {
        if (r.emails() == null || r.emails().isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid("emails", "at least one email is required"));
        }
        for (String e : r.emails()) {
            if (e == null || e.length() > 254 || !EMAIL.matcher(e).matches()) {
                return Uni.createFrom().failure(ApiException.invalid("email", "must be an email address"));
            }
        }
        Set<String> roles = r.roles() == null || r.roles().isEmpty() ? Set.of("developer") : r.roles();
        for (String role : roles) {
            if (!Permissions.BUILT_IN.containsKey(role)) {
                return Uni.createFrom().failure(ApiException.invalid("roles", "unknown role " + role));
            }
        }
        int days = r.expireDays() == null ? config.invitations().defaultExpireDays() : r.expireDays();
        if (days < 1 || days > config.invitations().maxExpireDays()) {
            return Uni.createFrom().failure(ApiException.invalid("expireDays",
                    "must be between 1 and " + config.invitations().maxExpireDays()));
        }
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE).chain(a -> {
            List<Invitation> created = new ArrayList<>();
            for (String email : r.emails()) {
                Invitation i = new Invitation();
                i.id = UUID.randomUUID();
                i.organizationId = organizationId;
                i.projectId = r.projectId();
                i.email = email.toLowerCase(Locale.ROOT);
                i.roles = String.join(",", new java.util.TreeSet<>(roles));
                i.code = newCode();
                i.secure = r.secure();
                i.createdAt = OffsetDateTime.now();
                i.createdBy = caller.subject();
                i.expiresAt = i.createdAt.plusDays(days);
                created.add(i);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Invitation i : created) {
                chain = chain.chain(() -> i.persist()).chain(() -> events.raw(INVITATION_CREATED, i.id.toString(),
                        Map.of("invitationId", i.id.toString(), "organizationId", organizationId.toString(),
                                "projectId", i.projectId == null ? "" : i.projectId.toString(),
                                "roles", List.copyOf(i.roleSet())), caller.subject()));
            }
            return chain.replaceWith(created);
        });
    }

    /**
     * Invites into the project's organization (the caller must see the project); 409 when the project's users, its
     * pending invitations and these would exceed its userLimit.
     */
    public Uni<List<Invitation>> inviteToProject(Caller caller, UUID projectId, InvitationRequest r) {
        return projects.get(caller, projectId)
                .call(p -> io.quarkus.hibernate.reactive.panache.Panache.withSession(
                        () -> usage.canInvite(p, r.emails() == null ? 0 : r.emails().size())))
                .chain(p -> invite(caller, p.organizationId,
                        new InvitationRequest(r.emails(), r.roles(), r.expireDays(), r.secure(), p.id)));
    }

    private Uni<Void> mail(List<Invitation> invitations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Invitation i : invitations) {
            Mail m = Mail.withText(i.email, "You are invited to join an organization on Cumulus",
                    "You were invited with the roles " + i.roles + ".\n\nInvitation: " + i.id + "\nCode: " + i.code
                            + "\nAccept: " + config.invitations().acceptUrl() + "?code=" + i.code
                            + "\n\nThe invitation expires at " + i.expiresAt + " and can be used once.\n");
            chain = chain.chain(() -> mailer.send(m)
                    .onFailure().invoke(e -> LOG.warnf("invitation mail to %s failed: %s", i.email, e.getMessage()))
                    .onFailure().recoverWithNull());
        }
        return chain;
    }

    @WithSession
    public Uni<List<Invitation>> list(Caller caller, UUID organizationId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_READ)
                .chain(a -> Invitation.<Invitation>find("organizationId = ?1 order by createdAt, id", organizationId).list());
    }

    @WithSession
    public Uni<Invitation> get(Caller caller, UUID organizationId, String invitationId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_READ).chain(a -> found(organizationId, invitationId));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID organizationId, String invitationId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> found(organizationId, invitationId))
                .chain(i -> i.delete().chain(() -> events.raw(INVITATION_DELETED, i.id.toString(),
                        Map.of("invitationId", i.id.toString(), "organizationId", organizationId.toString()),
                        caller.subject())));
    }

    /** A new code and a new validity period, mailed again; an accepted invitation cannot be regenerated (410). */
    public Uni<Invitation> regenerate(Caller caller, UUID organizationId, String invitationId) {
        return regenerateStored(caller, organizationId, invitationId).call(i -> mail(List.of(i)));
    }

    @WithTransaction
    Uni<Invitation> regenerateStored(Caller caller, UUID organizationId, String invitationId) {
        return access.require(caller, organizationId, Permissions.MEMBERS_MANAGE)
                .chain(a -> found(organizationId, invitationId))
                .map(i -> {
                    if (i.acceptedAt != null) {
                        throw ApiException.gone("invitation already used");
                    }
                    i.code = newCode();
                    i.createdAt = OffsetDateTime.now();
                    i.expiresAt = i.createdAt.plusDays(config.invitations().defaultExpireDays());
                    return i;
                });
    }

    /** Pending invitations addressed to the caller's email. */
    @WithSession
    public Uni<List<Invitation>> mine(Caller caller) {
        AccessService.requireAuthenticated(caller);
        if (caller.email() == null) {
            return Uni.createFrom().item(List.of());
        }
        return Invitation.<Invitation>find("lower(email) = lower(?1) and acceptedAt is null and expiresAt > ?2"
                + " order by createdAt, id", caller.email(), OffsetDateTime.now()).list();
    }

    /**
     * Accepts an invitation by id or code. Only the invited email may accept (others get 404); a secure invitation
     * needs its code; expired or used invitations give 410. The caller becomes a member with the invited roles.
     */
    @WithTransaction
    public Uni<Invitation> accept(Caller caller, String idOrCode, String code) {
        return accept(caller, idOrCode, code, null);
    }

    /** As {@link #accept(Caller, String, String)}, limited to invitations of {@code org} (id or name) when given. */
    @WithTransaction
    public Uni<Invitation> accept(Caller caller, String idOrCode, String code, String org) {
        AccessService.requireAuthenticated(caller);
        return lookup(idOrCode, org).chain(i -> {
            if (i == null || caller.email() == null || !i.email.equalsIgnoreCase(caller.email())) {
                return Uni.createFrom().failure(ApiException.notFound("invitation"));
            }
            boolean byCode = i.code.equals(idOrCode) || i.code.equals(code);
            if (i.secure && !byCode) {
                return Uni.createFrom().failure(ApiException.invalid("code", "this invitation needs its code"));
            }
            if (i.acceptedAt != null) {
                return Uni.createFrom().failure(ApiException.gone("invitation already used"));
            }
            if (i.expiresAt.isBefore(OffsetDateTime.now())) {
                return Uni.createFrom().failure(ApiException.gone("invitation expired"));
            }
            Uni<Void> admitted = i.projectId == null ? Uni.createFrom().voidItem()
                    : usage.admit(i.projectId, caller.subject());
            return admitted.chain(() -> {
                i.acceptedAt = OffsetDateTime.now();
                i.acceptedBy = caller.subject();
                return organizations.grant(i.organizationId, caller.subject(), i.roleSet(), caller.subject())
                        .chain(() -> events.raw(INVITATION_ACCEPTED, i.id.toString(), Map.of("invitationId",
                                i.id.toString(), "organizationId", i.organizationId.toString(), "userId",
                                caller.subject()), caller.subject()))
                        .replaceWith(i);
            });
        });
    }

    /**
     * Registers a person who has no account yet through an invitation (seed 002 {@code register}). The invitation's
     * code is the credential: the path names the invitation by code, or by id with {@code code} in the body (wrong
     * code -> 404). Used or expired -> 410; an email other than the invited one -> 400; an email already known as a
     * user -> 409 (sign in and accept instead). Tenancy assigns the user id, records the profile and the membership
     * with the invited roles, and publishes {@code invitation.registered.v1}; identity creates the account from it
     * and mails a link to choose a password (tenancy never sees passwords).
     */
    @WithTransaction
    public Uni<Registered> register(String idOrCode, String org, Registration r) {
        return lookup(idOrCode, org).chain(i -> {
            if (i == null) {
                return Uni.createFrom().failure(ApiException.notFound("invitation"));
            }
            boolean byCode = i.code.equals(idOrCode) || i.code.equals(r.code());
            if (!byCode) {
                return Uni.createFrom().failure(r.code() == null
                        ? ApiException.invalid("code", "the invitation's code is required")
                        : ApiException.notFound("invitation"));
            }
            if (i.acceptedAt != null) {
                return Uni.createFrom().failure(ApiException.gone("invitation already used"));
            }
            if (i.expiresAt.isBefore(OffsetDateTime.now())) {
                return Uni.createFrom().failure(ApiException.gone("invitation expired"));
            }
            if (r.email() != null && !r.email().equalsIgnoreCase(i.email)) {
                return Uni.createFrom().failure(ApiException.invalid("email", "must be the invited email address"));
            }
            return com.cumulus.tenancy.organization.domain.UserProfile.count("lower(email) = ?1", i.email).chain(known -> {
                if (known > 0) {
                    return Uni.createFrom().failure(ApiException.conflict(
                            "a user with this email exists: sign in and accept the invitation"));
                }
                String userId = UUID.randomUUID().toString();
                return (i.projectId == null ? Uni.createFrom().voidItem() : usage.admit(i.projectId, userId))
                        .chain(() -> registerAs(i, userId, r));
            });
        });
    }

    private Uni<Registered> registerAs(Invitation i, String userId, Registration r) {
        i.acceptedAt = OffsetDateTime.now();
        i.acceptedBy = userId;
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("invitationId", i.id.toString());
        data.put("organizationId", i.organizationId.toString());
        data.put("userId", userId);
        data.put("email", i.email);
        data.put("username", r.username() == null ? i.email : r.username());
        data.put("firstName", r.firstName());
        data.put("lastName", r.lastName());
        data.put("roles", List.copyOf(i.roleSet()));
        return members.upsertProfile(userId, i.email, r.firstName(), r.lastName())
                .chain(profile -> organizations.grant(i.organizationId, userId, i.roleSet(), userId)
                        .chain(m -> events.raw(INVITATION_REGISTERED, i.id.toString(), data, userId)
                                .replaceWith(new Registered(i,
                                        new com.cumulus.tenancy.organization.service.MembershipService.Member(m, profile)))));
    }

    /** The invitation by id or code, or null; when {@code org} (id or name) is given, only one of that organization. */
    private Uni<Invitation> lookup(String idOrCode, String org) {
        UUID id = AccessService.tryParse(idOrCode);
        Uni<Invitation> lookup = id != null ? Invitation.<Invitation>findById(id)
                : Invitation.<Invitation>find("code", idOrCode).firstResult();
        if (org == null) {
            return lookup;
        }
        return lookup.chain(i -> i == null ? Uni.createFrom().nullItem()
                : com.cumulus.tenancy.organization.domain.Organization.<com.cumulus.tenancy.organization.domain.Organization>findById(i.organizationId)
                        .map(o -> o != null && (org.equals(o.id.toString()) || org.equals(o.name)) ? i : null));
    }

    private static Uni<Invitation> found(UUID organizationId, String invitationId) {
        UUID id = AccessService.tryParse(invitationId);
        if (id == null) {
            return Uni.createFrom().failure(ApiException.notFound("invitation"));
        }
        return Invitation.<Invitation>findById(id).map(i -> {
            if (i == null || !i.organizationId.equals(organizationId)) {
                throw ApiException.notFound("invitation");
            }
            return i;
        });
    }

    private static String newCode() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
