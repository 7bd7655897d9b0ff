package com.cumulus.identity.federation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.federation.domain.FederatedIdentity;
import com.cumulus.identity.federation.domain.FederatedLogin;
import com.cumulus.identity.federation.domain.IdentityProvider;
import com.cumulus.identity.federation.repository.FederatedIdentityRepository;
import com.cumulus.identity.federation.repository.FederatedLoginRepository;
import com.cumulus.identity.federation.repository.IdentityProviderRepository;
import com.cumulus.identity.federation.repository.OrganizationEntryRepository;
import com.cumulus.identity.federation.service.UpstreamClient.Metadata;
import com.cumulus.identity.federation.service.UpstreamClient.UpstreamException;
import com.cumulus.identity.federation.service.UpstreamClient.UpstreamIdentity;
import com.cumulus.identity.keys.KeyEncryption;
import com.cumulus.identity.membership.MembershipStore;
import com.cumulus.identity.oauth.service.AuthorizationService;
import com.cumulus.identity.oauth.service.AuthorizationService.Decision;
import com.cumulus.identity.oauth.service.AuthorizationService.ErrorPage;
import com.cumulus.identity.oauth.service.AuthorizationService.RedirectTo;
import com.cumulus.identity.oauth.service.AuthorizationService.ShowOnboard;
import com.cumulus.identity.token.Secrets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Federated sign-in (seed 001 {@code /oauth2/v2/login}, {@code /oidc/callback}, {@code /oauth2/v2/onboard}; seed
 * 002 {@code /oauth2/redirect}). The login page carries the local authorization request sealed (AES-GCM) as its
 * {@code state}; the login step picks the upstream provider (explicit choice, or the provider of the organization
 * whose email domain matches), records state/nonce/PKCE and redirects upstream; the callback exchanges the code,
 * validates the upstream ID token and maps the upstream identity to a local user (linked by provider + subject);
 * a user without any organization onboards (identity asks tenancy to create the organization by event).
 */
@ApplicationScoped
public class FederationService {

    private static final Logger LOG = Logger.getLogger(FederationService.class);
    public static final String ONBOARDING_REQUESTED = "com.cumulus.identity.onboarding.requested.v1";
    public static final String USER_CREATED = "com.cumulus.identity.user.created.v1";
    /** The organization role a first-time user of an organization's provider is granted. */
    public static final String FEDERATED_ROLE = "developer";
    public static final Set<String> ROLES = Set.of("admin", "developer", "billing", "reader");
    static final String CALLBACK = "/oidc/callback";
    static final String REGISTRY_CALLBACK = "/oauth2/redirect";
    private static final Duration LOGIN_TTL = Duration.ofMinutes(10);
    private static final Duration ONBOARD_TTL = Duration.ofMinutes(30);
    private static final String SEAL_AAD = "login-request";

    private final IdentityConfig config;
    private final KeyEncryption encryption;
    private final ProviderService providers;
    private final UpstreamClient upstream;
    private final AuthorizationService authorization;
    private final MembershipStore memberships;
    private final SqlOutbox outbox;
    private final ObjectMapper mapper;
    private final SqlTransactions tx;
    private final IdentityProviderRepository providerRows;
    private final OrganizationEntryRepository directory;
    private final FederatedLoginRepository logins;
    private final FederatedIdentityRepository links;
    private final UserRepository users;

    public FederationService(IdentityConfig config, KeyEncryption encryption, ProviderService providers,
                             UpstreamClient upstream, AuthorizationService authorization, MembershipStore memberships,
                             SqlOutbox outbox, ObjectMapper mapper, SqlTransactions tx,
                             IdentityProviderRepository providerRows, OrganizationEntryRepository directory,
                             FederatedLoginRepository logins, FederatedIdentityRepository links,
                             UserRepository users) {
        this.config = config;
        this.encryption = encryption;
        this.providers = providers;
        this.upstream = upstream;
        this.authorization = authorization;
        this.memberships = memberships;
        this.outbox = outbox;
        this.mapper = mapper;
        this.tx = tx;
        this.providerRows = providerRows;
        this.directory = directory;
        this.logins = logins;
        this.links = links;
        this.users = users;
    }

    // ---- the login page's state: the validated authorization request, sealed ----

    /** Seals a validated authorization request for the login page's federated form (valid for 10 minutes). */
    public String seal(Map<String, String> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("p", params);
        body.put("exp", Instant.now().plus(LOGIN_TTL).getEpochSecond());
        try {
            byte[] sealed = encryption.encrypt(SEAL_AAD, mapper.writeValueAsBytes(body));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sealed authorization request, or null when the state is forged, garbled or expired. */
    Map<String, String> unseal(String state) {
        if (state == null || state.isBlank() || state.length() > 8000) {
            return null;
        }
        try {
            byte[] plain = encryption.decrypt(SEAL_AAD, Base64.getUrlDecoder().decode(state));
            Map<String, Object> body = mapper.readValue(plain, new TypeReference<>() {
            });
            if (((Number) body.get("exp")).longValue() < Instant.now().getEpochSecond()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, String> params = (Map<String, String>) body.get("p");
            return new LinkedHashMap<>(params);
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    // ---- POST /oauth2/v2/login ----

    /**
     * Picks the upstream provider: {@code provider} (a provider id, or a system provider's name or type),
     * {@code registry} (seed 002: a user registry name; completes at {@code /oauth2/redirect}), or the provider of
     * the organization whose email domain is the email's. Redirects upstream with state, nonce and PKCE.
     */
    public Uni<Decision> start(String state, String email, String provider, String registry) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().failure(ApiException.invalid("state", "is required"));
        }
        Map<String, String> params = unseal(state);
        if (params == null) {
            return Uni.createFrom().failure(ApiException.invalid("state", "is unknown or expired; start again"));
        }
        boolean byRegistry = notBlank(registry);
        if (!notBlank(provider) && !byRegistry && !notBlank(email)) {
            return Uni.createFrom().failure(ApiException.invalid("email", "an email address or a provider is required"));
        }
        if (notBlank(email) && (email.length() > 70 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
            return Uni.createFrom().failure(ApiException.invalid("email", "must be an email address"));
        }
        Uni<IdentityProvider> chosen;
        if (notBlank(provider) || byRegistry) {
            String choice = byRegistry ? registry : provider;
            String field = byRegistry ? "user_registry" : "provider";
            chosen = byChoice(choice).map(p -> {
                if (p == null) {
                    throw ApiException.invalid(field, "unknown identity provider");
                }
                return p;
            });
        } else {
            chosen = byDomain(email);
        }
        return chosen.chain(p -> {
            if (p == null) {
                return authorization.loginFailed(params,
                        "Single sign-on is not set up for this email domain. Sign in with your password.");
            }
            return redirectUpstream(p, params, email, byRegistry ? REGISTRY_CALLBACK : CALLBACK);
        });
    }

    /** A provider by id (any), or a system provider by name or type. */
    public Uni<IdentityProvider> byChoice(String choice) {
        UUID id = uuid(choice);
        if (id != null) {
            return providerRows.findById(id);
        }
        return providerRows.systemByName(choice)
                .chain(p -> p != null ? Uni.createFrom().item(p) : providerRows.oldestSystemOfType(choice));
    }

    /** The (oldest) provider of an organization whose email domain is the email's, or null. */
    Uni<IdentityProvider> byDomain(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        return directory.byEmailDomain(domain).chain(orgs -> {
            if (orgs.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            List<UUID> ids = orgs.stream().map(o -> o.organizationId).toList();
            return providerRows.oldestOfOrganizations(ids);
        });
    }

    private Uni<Decision> redirectUpstream(IdentityProvider provider, Map<String, String> params, String email,
                                           String callbackPath) {
        return upstream.discover(provider.issuer).chain(metadata -> {
            String upstreamState = Secrets.random(32);
            FederatedLogin login = new FederatedLogin();
            login.id = UUID.randomUUID();
            login.stateHash = Secrets.sha256Hex(upstreamState);
            login.providerId = provider.id;
            login.params = json(params);
            login.nonce = Secrets.random(24);
            login.codeVerifier = Secrets.random(48);
            login.redirectUri = config.issuer() + callbackPath;
            login.expiresAt = Instant.now().plus(LOGIN_TTL);
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", provider.clientId);
            query.put("redirect_uri", login.redirectUri);
            query.put("scope", "openid email profile");
            query.put("state", upstreamState);
            query.put("nonce", login.nonce);
            query.put("code_challenge", Secrets.s256(login.codeVerifier));
            query.put("code_challenge_method", "S256");
            if (notBlank(email)) {
                query.put("login_hint", email);
            }
            String location = AuthorizationService.append(metadata.authorizationEndpoint(), query);
            return tx.inTransaction(() -> logins.insert(login))
                    .replaceWith((Decision) new RedirectTo(location, null));
        }).onFailure(UpstreamException.class).recoverWithItem(e -> {
            LOG.warnf("identity provider %s unavailable: %s", provider.id, e.getMessage());
            return new ErrorPage("temporarily_unavailable", "The identity provider cannot be reached. Try again later.");
        });
    }

    // ---- GET /oidc/callback, GET|POST /oauth2/redirect ----

    private record Pending(FederatedLogin login, IdentityProvider provider, Map<String, String> params, String secret) {
    }

    public Uni<Decision> callback(String code, String state, String error, String errorDescription) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().item(new ErrorPage("invalid_request", "state is missing"));
        }
        return tx.inTransaction(() -> logins.byStateHash(Secrets.sha256Hex(state)).chain(login -> {
            if (login == null || login.usedAt != null || login.expiresAt.isBefore(Instant.now())) {
                return Uni.createFrom().<Pending>nullItem();
            }
            login.usedAt = Instant.now();
            return logins.markUsed(login.id, login.usedAt).chain(marked -> !marked
                    ? Uni.createFrom().<Pending>nullItem()
                    : providerRows.findById(login.providerId).map(p -> p == null ? null
                    : new Pending(login, p, params(login.params), providers.clientSecret(p))));
        })).chain(pending -> {
            if (pending == null) {
                return Uni.createFrom().item(new ErrorPage("invalid_request",
                        "This sign-in is unknown, was already completed or has expired. Start again."));
            }
            if (error != null || code == null || code.isBlank()) {
                String reason = error == null ? "the identity provider returned no code"
                        : "the identity provider answered " + error
                        + (errorDescription == null ? "" : ": " + errorDescription);
                return Uni.createFrom().item(authorization.errorRedirect(pending.params(), "access_denied",
                        truncate(reason, 200)));
            }
            return identify(pending, code)
                    .chain(identity -> link(pending, identity))
                    .onFailure(UpstreamException.class).recoverWithItem(e -> {
                        LOG.warnf("federated sign-in with provider %s failed: %s", pending.provider().id,
                                e.getMessage());
                        return authorization.errorRedirect(pending.params(), "access_denied",
                                "the identity provider's answer could not be verified");
                    });
        });
    }

    /** Code exchange, ID token validation, and userinfo when the ID token lacks the email. */
    private Uni<UpstreamIdentity> identify(Pending pending, String code) {
        IdentityProvider provider = pending.provider();
        return upstream.discover(provider.issuer).chain(metadata -> upstream.token(metadata, provider.clientId,
                        pending.secret(), code, pending.login().redirectUri, pending.login().codeVerifier)
                .chain(tokens -> upstream.verifyIdToken(metadata, tokens.getString("id_token"), provider.clientId,
                        pending.login().nonce).chain(claims -> {
                    UpstreamIdentity fromToken = identity(claims, null);
                    if (fromToken.email() != null) {
                        return Uni.createFrom().item(fromToken);
                    }
                    return upstream.userinfo(metadata, tokens.getString("access_token"))
                            .map(info -> identity(claims, info));
                })));
    }

    static UpstreamIdentity identity(JwtClaims claims, JsonObject userinfo) {
        try {
            String sub = claims.getSubject();
            Map<String, Object> all = new LinkedHashMap<>(claims.getClaimsMap());
            if (userinfo != null && sub.equals(userinfo.getString("sub"))) {
                userinfo.forEach(e -> all.putIfAbsent(e.getKey(), e.getValue()));
            }
            Object email = all.get("email");
            Object verified = all.get("email_verified");
            return new UpstreamIdentity(sub, email instanceof String s && s.contains("@") ? User.normalize(s) : null,
                    Boolean.TRUE.equals(verified) || "true".equals(verified),
                    all.get("given_name") instanceof String g ? truncate(g, 32) : null,
                    all.get("family_name") instanceof String f ? truncate(f, 32) : null);
        } catch (MalformedClaimException e) {
            throw new UpstreamException("the ID token's subject is malformed", e);
        }
    }

    /**
     * Maps the upstream identity to a local user: the existing link (provider + subject), else a user with the same
     * verified email who belongs to the provider's organization (linked now), else a new user (in the provider's
     * organization, role developer, when it has one). A user without any organization is sent to onboarding.
     */
    private Uni<Decision> link(Pending pending, UpstreamIdentity identity) {
        IdentityProvider provider = pending.provider();
        return tx.inTransaction(() -> links.byProviderAndSubject(provider.id, identity.subject()).chain(existing -> {
            if (existing != null) {
                return users.findById(existing.userId).map(u -> {
                    if (u == null) {
                        throw new LinkRefused("the linked account no longer exists");
                    }
                    return u;
                });
            }
            if (identity.email() == null) {
                throw new LinkRefused("the identity provider did not share an email address");
            }
            return users.byEmail(identity.email()).chain(user -> {
                if (user != null) {
                    return linkExisting(provider, identity, user);
                }
                return createUser(provider, identity);
            });
        }).chain(user -> memberships.orgsOf(user.id).chain(orgs -> {
            if (!orgs.isEmpty()) {
                return Uni.createFrom().item(new Resolved(user, null));
            }
            String onboarding = Secrets.random(32);
            FederatedLogin login = pending.login();
            return logins.findById(login.id).chain(l -> {
                l.userId = user.id;
                l.onboardHash = Secrets.sha256Hex(onboarding);
                l.expiresAt = Instant.now().plus(ONBOARD_TTL);
                return logins.update(l).replaceWith(new Resolved(user, onboarding));
            });
        }))).chain(resolved -> {
            if (resolved.onboarding() != null) {
                return Uni.createFrom().item((Decision) new ShowOnboard(resolved.onboarding(), resolved.user().email));
            }
            return authorization.signedIn(pending.params(), resolved.user().id);
        }).onFailure(LinkRefused.class).recoverWithItem(e ->
                authorization.errorRedirect(pending.params(), "access_denied", e.getMessage()));
    }

    private record Resolved(User user, String onboarding) {
    }

    private static final class LinkRefused extends RuntimeException {
        LinkRefused(String message) {
            super(message);
        }
    }

    private Uni<User> linkExisting(IdentityProvider provider, UpstreamIdentity identity, User user) {
        if (provider.organizationId == null || !identity.emailVerified()) {
            return Uni.createFrom().failure(new LinkRefused(
                    "an account with this email address exists; sign in with your password"));
        }
        return memberships.orgsOf(user.id).chain(orgs -> {
            if (!orgs.containsKey(provider.organizationId.toString())) {
                return Uni.createFrom().failure(new LinkRefused(
                        "an account with this email address exists; sign in with your password"));
            }
            return newLink(provider, identity, user.id).replaceWith(user);
        });
    }

    private Uni<User> createUser(IdentityProvider provider, UpstreamIdentity identity) {
        if (identity.email().length() > 70) {
            return Uni.createFrom().failure(new LinkRefused("the email address is too long"));
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = identity.email();
        user.firstName = identity.givenName();
        user.lastName = identity.familyName();
        user.passwordHash = null;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        if (provider.organizationId != null) {
            user.organizationId = provider.organizationId;
            user.role = FEDERATED_ROLE;
        }
        return users.insert(user)
                .call(u -> newLink(provider, identity, u.id))
                .call(u -> {
                    if (provider.organizationId == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("userId", u.id.toString());
                    data.put("email", u.email);
                    data.put("firstName", u.firstName);
                    data.put("lastName", u.lastName);
                    data.put("organizationId", provider.organizationId.toString());
                    data.put("role", FEDERATED_ROLE);
                    // the local row makes the first token carry the membership; tenancy's event overwrites it
                    return memberships.grant(provider.organizationId, u.id, List.of(FEDERATED_ROLE))
                            .chain(() -> outbox.record(USER_CREATED, u.id.toString(), data, u.id.toString()));
                });
    }

    private Uni<FederatedIdentity> newLink(IdentityProvider provider, UpstreamIdentity identity, UUID userId) {
        FederatedIdentity link = new FederatedIdentity();
        link.id = UUID.randomUUID();
        link.providerId = provider.id;
        link.subject = truncate(identity.subject(), 255);
        link.userId = userId;
        link.email = identity.email();
        link.createdAt = Instant.now();
        return links.insert(link);
    }

    // ---- POST /oauth2/v2/onboard ----

    /** The onboarding form's answers, validated. */
    public record Onboarding(String state, String organizationName, String organizationDescription, String groupName,
                             String groupDescription, List<String> roles) {
    }

    /**
     * A first-time user creates an organization and its initial group: identity picks the organization id, makes the
     * user its admin (local projection, so the first token carries it) and asks tenancy by the
     * {@code onboarding.requested} event to create organization, group and admin membership; then the sign-in
     * completes (code to the client).
     */
    public Uni<Decision> onboard(Onboarding form) {
        validate(form);
        return tx.inTransaction(() -> logins.byOnboardHash(Secrets.sha256Hex(form.state())).chain(login -> {
            if (login == null || login.userId == null || login.onboardedAt != null
                    || login.expiresAt.isBefore(Instant.now())) {
                throw ApiException.invalid("state", "is unknown, used or expired; sign in again");
            }
            login.onboardedAt = Instant.now();
            return logins.markOnboarded(login.id, login.onboardedAt).chain(marked -> {
                if (!marked) {
                    throw ApiException.invalid("state", "is unknown, used or expired; sign in again");
                }
                return users.findById(login.userId);
            }).chain(user -> {
                if (user == null) {
                    throw ApiException.invalid("state", "is unknown, used or expired; sign in again");
                }
                UUID organization = UUID.randomUUID();
                user.organizationId = organization;
                user.role = "admin";
                user.updatedAt = Instant.now();
                Set<String> roles = new LinkedHashSet<>();
                roles.add("admin");
                roles.addAll(form.roles());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("userId", user.id.toString());
                data.put("email", user.email);
                data.put("organizationId", organization.toString());
                data.put("organizationName", form.organizationName());
                data.put("groupName", form.groupName());
                return users.update(user)
                        .chain(() -> memberships.grant(organization, user.id, new ArrayList<>(roles)))
                        .chain(() -> outbox.record(ONBOARDING_REQUESTED, organization.toString(), data,
                                user.id.toString()))
                        .replaceWith(new Resumed(user, params(login.params)));
            });
        })).chain(resumed -> authorization.signedIn(resumed.params(), resumed.user().id));
    }

    private record Resumed(User user, Map<String, String> params) {
    }

    static void validate(Onboarding form) {
        if (!notBlank(form.state())) {
            throw ApiException.invalid("state", "is required");
        }
        if (!notBlank(form.organizationName())) {
            throw ApiException.invalid("organization_name", "is required");
        }
        if (form.organizationName().length() > 100) {
            throw ApiException.invalid("organization_name", "must be at most 100 characters");
        }
        if (form.organizationDescription() != null && form.organizationDescription().length() > 500) {
            throw ApiException.invalid("organization_description", "must be at most 500 characters");
        }
        if (!notBlank(form.groupName())) {
            throw ApiException.invalid("group_name", "is required");
        }
        if (form.groupName().length() > 100) {
            throw ApiException.invalid("group_name", "must be at most 100 characters");
        }
        if (form.groupDescription() != null && form.groupDescription().length() > 500) {
            throw ApiException.invalid("group_description", "must be at most 500 characters");
        }
        for (String role : form.roles()) {
            if (!ROLES.contains(role)) {
                throw ApiException.invalid("roles", "must be among " + ROLES);
            }
        }
    }

    // ---- helpers ----

    private String json(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> params(String json) {
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored authorization request is unreadable", e);
        }
    }

    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
