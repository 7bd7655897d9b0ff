package com.cumulus.identity.account.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.OutboxRows;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.security.Caller;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.api.AccountDtos.ActivateWrite;
import com.cumulus.identity.account.api.AccountDtos.AccountUserResult;
import com.cumulus.identity.account.api.AccountDtos.LoginResult;
import com.cumulus.identity.account.api.AccountDtos.RegisterWrite;
import com.cumulus.identity.account.api.AccountDtos.RegistrationResult;
import com.cumulus.identity.account.api.AccountDtos.RoleUserUpdate;
import com.cumulus.identity.account.api.AccountDtos.RoleUserWrite;
import com.cumulus.identity.account.domain.PasswordReset;
import com.cumulus.identity.account.domain.Registration;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.LoginStore;
import com.cumulus.identity.account.repository.PasswordResetRepository;
import com.cumulus.identity.account.repository.RegistrationRepository;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.membership.MembershipStore;
import com.cumulus.identity.session.SessionService;
import com.cumulus.identity.session.UserSession;
import com.cumulus.identity.token.Secrets;
import com.cumulus.identity.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Seed 003 use cases: registration, login/logout, password reset, the caller's profile, role users. */
@ApplicationScoped
public class AccountService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AccountService.class);
    public static final String ACCOUNT_REGISTERED = "com.cumulus.identity.account.registered.v1";
    public static final String USER_CREATED = "com.cumulus.identity.user.created.v1";
    public static final String USER_UPDATED = "com.cumulus.identity.user.updated.v1";
    public static final String USER_DELETED = "com.cumulus.identity.user.deleted.v1";

    private final IdentityConfig config;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LoginStore logins;
    private final TokenService tokens;
    private final SessionService sessions;
    private final MembershipStore memberships;
    private final SqlOutbox outbox;
    private final Mails mails;
    private final SqlTransactions tx;
    private final UserRepository users;
    private final RegistrationRepository registrations;
    private final PasswordResetRepository resets;

    public AccountService(IdentityConfig config, PasswordHasher hasher, LoginThrottle throttle, LoginStore logins,
                          TokenService tokens, SessionService sessions, MembershipStore memberships, SqlOutbox outbox,
                          Mails mails, SqlTransactions tx, UserRepository users, RegistrationRepository registrations,
                          PasswordResetRepository resets) {
        this.tx = tx;
        this.users = users;
        this.registrations = registrations;
        this.resets = resets;
        this.logins = logins;
        this.tokens = tokens;
        this.config = config;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.memberships = memberships;
        this.outbox = outbox;
        this.mails = mails;
    }

    // ---- registration ----

    public Uni<RegistrationResult> register(RegisterWrite body) {
        String email = User.normalize(body.email());
        String code = Secrets.random(24);
        return tx.inTransaction(() -> users.byEmail(email).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("email address already used");
            }
            Registration registration = new Registration();
            registration.id = UUID.randomUUID();
            registration.email = email;
            registration.organizationName = body.organizationName().trim();
            registration.codeHash = Secrets.sha256Hex(code);
            registration.createdAt = Instant.now();
            registration.codeExpiresAt = registration.createdAt.plus(config.tokens().approveCodeTtl());
            return registrations.insert(registration)
                    .call(saved -> mails.approveCode(email, saved.organizationName, saved.id.toString(), code));
        })).map(r -> new RegistrationResult(r.organizationName, r.email, r.id.toString()));
    }

    public Uni<Void> resendCode(String rawEmail) {
        String email = User.normalize(rawEmail);
        String code = Secrets.random(24);
        return tx.inTransaction(() -> registrations.latestOpen(email)
                .chain(registration -> {
                    if (registration == null) {
                        throw ApiException.notFound("registration for this email address");
                    }
                    registration.codeHash = Secrets.sha256Hex(code);
                    registration.codeExpiresAt = Instant.now().plus(config.tokens().approveCodeTtl());
                    return registrations.update(registration).chain(() -> mails.approveCode(email,
                            registration.organizationName, registration.id.toString(), code));
                }));
    }

    public Uni<AccountUserResult> activate(String registrationId, ActivateWrite body) {
        UUID id = parse(registrationId, "registration");
        return hasher.hashAsync(body.password()).chain(hash -> tx.inTransaction(() ->
                registrations.findById(id).chain(registration -> {
                    if (registration == null) {
                        throw ApiException.notFound("registration");
                    }
                    if (!Secrets.matches(body.approveCode(), registration.codeHash)) {
                        throw ApiException.notFound("approve code");
                    }
                    if (registration.completedAt != null) {
                        throw ApiException.gone("approve code already used");
                    }
                    if (registration.codeExpiresAt.isBefore(Instant.now())) {
                        throw ApiException.gone("approve code expired");
                    }
                    return users.byEmail(registration.email).chain(existing -> {
                        if (existing != null) {
                            throw ApiException.conflict("email address already used");
                        }
                        registration.completedAt = Instant.now();
                        User user = newUser(registration.email, body.firstName(), body.lastName(), hash,
                                UUID.randomUUID(), "admin");
                        Map<String, Object> data = userData(user);
                        data.put("organizationId", user.organizationId.toString());
                        data.put("organizationName", registration.organizationName);
                        data.put("role", "admin");
                        return registrations.update(registration)
                                .chain(() -> users.insert(user))
                                .call(u -> memberships.grant(u.organizationId, u.id, List.of("admin")))
                                .call(u -> outbox.record(ACCOUNT_REGISTERED, u.id.toString(), data, u.id.toString()))
                                .chain(u -> tokenFor(u));
                    });
                })));
    }

    // ---- sessions ----

    /**
     * A password login: {@link LoginThrottle#verify} (one read, the hash on the hashing pool, one write on failure),
     * then one statement that clears the account's failures, starts the session, records the access token's jti and
     * the logged-in event (see {@link LoginStore}).
     */
    public Uni<LoginResult> login(String rawEmail, String password, String source) {
        String email = User.normalize(rawEmail);
        return throttle.verify(email, password, source).chain(user -> {
            if (user == null) {
                throw ApiException.unauthorized("invalid email or password");
            }
            Instant now = Instant.now();
            UUID sessionId = UUID.randomUUID();
            String userId = user.id().toString();
            TokenService.Issued token = tokens.accessToken(new TokenService.Subject(userId, "user", user.email(),
                    user.orgs(), user.platformAdmin() ? List.of("platform-admin") : List.of(), sessionId.toString(),
                    null, null));
            OutboxRows.Row event = outbox.row(SessionService.LOGGED_IN, userId,
                    SessionService.loggedInData(user.id(), sessionId, now), userId);
            return logins.succeeded(new LoginStore.Start(LoginThrottle.accountKey(email), sessionId, user.id(), null,
                            null, now, now.plus(config.tokens().sessionTtl()), UUID.fromString(token.jti()),
                            token.expiresAt(), event))
                    .map(started -> {
                        if (!started) {
                            throw ApiException.unauthorized("invalid email or password");
                        }
                        return new LoginResult(token.token(), userId, user.role());
                    });
        });
    }

    public Uni<Void> logout(Caller caller, boolean others) {
        return tx.inTransaction(() -> sessions.find(caller.sessionId()).chain(current -> {
            if (current == null) {
                return Uni.createFrom().voidItem();
            }
            return others ? sessions.revokeAll(current.userId, current.id) : sessions.revoke(current);
        }));
    }

    public Uni<Void> forgotPassword(String rawEmail) {
        String email = User.normalize(rawEmail);
        String token = Secrets.random(32);
        return tx.inTransaction(() -> users.byEmail(email).chain(user -> {
            if (user == null) {
                return Uni.createFrom().voidItem();
            }
            PasswordReset reset = new PasswordReset();
            reset.id = UUID.randomUUID();
            reset.userId = user.id;
            reset.tokenHash = Secrets.sha256Hex(token);
            reset.expiresAt = Instant.now().plus(config.tokens().resetLinkTtl());
            return resets.insert(reset).chain(() -> mails.resetLink(email, token));
        }));
    }

    /**
     * tenancy's {@code invitation.registered}: someone registered through an invitation without a password. Creates
     * the account with tenancy's user id (no password, no seed-003 account organization: memberships come from
     * tenancy's membership events) and mails a set-password link (the forgot-password reset token). Runs in the
     * caller's (the inbox's) transaction. A known email or user id is left alone (logged); a mail failure is logged and
     * does not fail the event (the user can ask for a new link with forgot-password).
     */
    public Uni<Void> invitedUser(UUID userId, String rawEmail, String firstName, String lastName) {
        String email = User.normalize(rawEmail);
        if (email == null || email.isBlank() || email.length() > 70 || !email.contains("@")) {
            LOG.warnf("invitation.registered for user %s skipped: unusable email", userId);
            return Uni.createFrom().voidItem();
        }
        return users.byEmail(email).chain(existing -> {
            if (existing != null) {
                LOG.infof("invitation.registered for user %s skipped: email already has account %s", userId,
                        existing.id);
                return Uni.createFrom().voidItem();
            }
            return users.findById(userId).chain(sameId -> {
                if (sameId != null) {
                    LOG.infof("invitation.registered skipped: user %s exists already", userId);
                    return Uni.createFrom().voidItem();
                }
                User user = newUser(email, clip(firstName), clip(lastName), null, null, null);
                user.id = userId;
                String token = Secrets.random(32);
                PasswordReset reset = new PasswordReset();
                reset.id = UUID.randomUUID();
                reset.userId = userId;
                reset.tokenHash = Secrets.sha256Hex(token);
                reset.expiresAt = Instant.now().plus(config.tokens().resetLinkTtl());
                return users.insert(user).chain(() -> resets.insert(reset))
                        .chain(() -> mails.setPasswordLink(email, user.firstName, token)
                                .onFailure().recoverWithUni(e -> {
                                    LOG.warnf("set-password mail to user %s failed; forgot-password sends a new link",
                                            userId);
                                    return Uni.createFrom().voidItem();
                                }));
            });
        });
    }

    private static String clip(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        return trimmed.length() > 32 ? trimmed.substring(0, 32) : trimmed;
    }

    public Uni<Void> resetPassword(String token, String password) {
        return hasher.hashAsync(password).chain(hash -> tx.inTransaction(() ->
                resets.byTokenHash(Secrets.sha256Hex(token))
                        .chain(reset -> {
                            if (reset == null) {
                                throw ApiException.notFound("reset token");
                            }
                            if (reset.usedAt != null) {
                                throw ApiException.gone("reset link already used");
                            }
                            if (reset.expiresAt.isBefore(Instant.now())) {
                                throw ApiException.gone("reset link expired");
                            }
                            reset.usedAt = Instant.now();
                            return resets.update(reset).chain(() -> users.findById(reset.userId)).chain(user -> {
                                if (user == null) {
                                    throw ApiException.notFound("reset token");
                                }
                                user.passwordHash = hash;
                                user.updatedAt = Instant.now();
                                return users.update(user).chain(() -> sessions.revokeAll(user.id, null));
                            });
                        })));
    }

    public Uni<AccountUserResult> me(Caller caller) {
        return Uni.createFrom().deferred(() -> users.findById(parse(caller.subject(), "user"))).map(user -> {
            if (user == null) {
                throw ApiException.notFound("user");
            }
            return result(user, null);
        });
    }

    // ---- role users (admins, billings, developers) ----

    public Uni<AccountUserResult> createRoleUser(Caller caller, String role, RoleUserWrite body) {
        return hasher.hashAsync(body.password()).chain(hash -> tx.inTransaction(() ->
                accountOf(caller, true).chain(org -> users.byEmail(body.email()).chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("email address already used");
                    }
                    User user = newUser(body.email(), body.firstName(), body.lastName(), hash, org, role);
                    Map<String, Object> data = userData(user);
                    data.put("organizationId", org.toString());
                    data.put("role", role);
                    return users.insert(user)
                            .call(u -> memberships.grant(org, u.id, List.of(role)))
                            .call(u -> outbox.record(USER_CREATED, u.id.toString(), data, caller.subject()))
                            .chain(this::tokenFor);
                }))));
    }

    public Uni<AccountUserResult> getRoleUser(Caller caller, String role, String id) {
        return accountOf(caller, false).chain(org -> roleUser(org, role, id))
                .map(user -> result(user, null));
    }

    public Uni<AccountUserResult> updateRoleUser(Caller caller, String role, String id, RoleUserUpdate body) {
        Uni<String> hash = body.password() == null ? Uni.createFrom().nullItem() : hasher.hashAsync(body.password());
        return hash.chain(newHash -> tx.inTransaction(() -> accountOf(caller, true)
                .chain(org -> roleUser(org, role, id))
                .chain(user -> {
                    Uni<Void> emailCheck = Uni.createFrom().voidItem();
                    if (body.email() != null && !User.normalize(body.email()).equals(user.email)) {
                        emailCheck = users.byEmail(body.email()).invoke(other -> {
                            if (other != null) {
                                throw ApiException.conflict("email address already used");
                            }
                        }).replaceWithVoid();
                    }
                    return emailCheck.chain(() -> {
                        if (body.email() != null) {
                            user.email = User.normalize(body.email());
                        }
                        if (body.firstName() != null) {
                            user.firstName = body.firstName();
                        }
                        if (body.lastName() != null) {
                            user.lastName = body.lastName();
                        }
                        if (newHash != null) {
                            user.passwordHash = newHash;
                        }
                        user.updatedAt = Instant.now();
                        return users.update(user)
                                .chain(() -> outbox.record(USER_UPDATED, user.id.toString(), userData(user),
                                        caller.subject()))
                                .replaceWith(result(user, null));
                    });
                })));
    }

    public Uni<Void> deleteRoleUser(Caller caller, String role, String id) {
        return tx.inTransaction(() -> accountOf(caller, true)
                .chain(org -> roleUser(org, role, id))
                .chain(user -> sessions.revokeAll(user.id, null)
                        .chain(() -> memberships.revokeUser(user.id))
                        .chain(() -> outbox.record(USER_DELETED, user.id.toString(),
                                Map.of("userId", user.id.toString(), "organizationId", user.organizationId.toString()),
                                caller.subject()))
                        .chain(() -> users.delete(user.id))
                        .replaceWithVoid()));
    }

    // ---- helpers ----

    /** The caller's account (seed 003 organization); admin required for changes. */
    private Uni<UUID> accountOf(Caller caller, boolean adminRequired) {
        UUID callerId = parseOrNull(caller.subject());
        Uni<User> self = callerId == null ? Uni.createFrom().nullItem() : users.findById(callerId);
        return self.map(user -> {
            String org = user != null && user.organizationId != null ? user.organizationId.toString()
                    : caller.organizations().keySet().stream().sorted().findFirst().orElse(null);
            if (org == null || !caller.isMemberOf(org)) {
                throw ApiException.forbidden("no account");
            }
            if (adminRequired && !caller.hasRole(org, "admin")) {
                throw ApiException.forbidden("admin role required");
            }
            return UUID.fromString(org);
        });
    }

    private Uni<User> roleUser(UUID org, String role, String id) {
        UUID userId = parseOrNull(id);
        if (userId == null) {
            return Uni.createFrom().failure(ApiException.notFound("user"));
        }
        return users.findById(userId).map(user -> {
            if (user == null || !org.equals(user.organizationId) || !role.equals(user.role)) {
                throw ApiException.notFound("user");
            }
            return user;
        });
    }

    private Uni<AccountUserResult> tokenFor(User user) {
        return sessions.start(user, null, null)
                .chain((UserSession s) -> sessions.issue(user, s, null, null))
                .map(t -> result(user, t.token()));
    }

    private static User newUser(String email, String firstName, String lastName, String hash, UUID org, String role) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = User.normalize(email);
        user.firstName = firstName;
        user.lastName = lastName;
        user.passwordHash = hash;
        user.organizationId = org;
        user.role = role;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        return user;
    }

    private static Map<String, Object> userData(User user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", user.id.toString());
        data.put("email", user.email);
        data.put("firstName", user.firstName);
        data.put("lastName", user.lastName);
        return data;
    }

    static AccountUserResult result(User user, String token) {
        return new AccountUserResult(user.id.toString(), user.email, user.firstName, user.lastName, user.role,
                user.organizationId == null ? null : user.organizationId.toString(), token);
    }

    private static UUID parse(String id, String what) {
        UUID value = parseOrNull(id);
        if (value == null) {
            throw ApiException.notFound(what);
        }
        return value;
    }

    static UUID parseOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
