package com.cumulus.identity.oauth.service;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.oauth.domain.AuthorizationCode;
import com.cumulus.identity.oauth.domain.OAuthClient;
import com.cumulus.identity.oauth.repository.AuthorizationCodeRepository;
import com.cumulus.identity.oauth.repository.OAuthClientRepository;
import com.cumulus.identity.session.SessionRepository;
import com.cumulus.identity.session.SessionService;
import com.cumulus.identity.session.UserSession;
import com.cumulus.identity.token.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The authorization endpoint's decisions: validate the request, reuse or start a session, mint the code. */
@ApplicationScoped
public class AuthorizationService {

    private final IdentityConfig config;
    private final SessionService sessions;
    private final SqlTransactions tx;
    private final OAuthClientRepository clients;
    private final AuthorizationCodeRepository codes;
    private final SessionRepository sessionRows;
    private final UserRepository users;

    public AuthorizationService(IdentityConfig config, SessionService sessions, SqlTransactions tx,
                                OAuthClientRepository clients, AuthorizationCodeRepository codes,
                                SessionRepository sessionRows, UserRepository users) {
        this.config = config;
        this.sessions = sessions;
        this.tx = tx;
        this.clients = clients;
        this.codes = codes;
        this.sessionRows = sessionRows;
        this.users = users;
    }

    /** What to do with an authorization request. */
    public sealed interface Decision permits ErrorPage, RedirectTo, ShowLogin, ShowOnboard {
    }

    /** A first-time federated user without an organization: ask for the organization and group to create. */
    public record ShowOnboard(String state, String email) implements Decision {
    }

    /** The redirect URI cannot be trusted: show an HTML error page. */
    public record ErrorPage(String error, String description) implements Decision {
    }

    /** Back to the client (code or error), optionally setting the SSO cookie. */
    public record RedirectTo(String location, String cookie) implements Decision {
    }

    /** Ask the user to sign in. */
    public record ShowLogin(OAuthClient client, Map<String, String> params, String error) implements Decision {
    }

    public static final String[] PARAMS = {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method", "prompt", "login_hint", "max_age"};

    /** Validates the request; returns a decision, or null (with the client) when the request is acceptable. */
    private Uni<Object> validate(Map<String, String> p) {
        String clientId = p.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return Uni.createFrom().item(new ErrorPage("invalid_request", "client_id is required"));
        }
        return clients.findById(clientId).map(client -> {
            if (client == null || !client.enabled() || !OAuthClient.KIND_OAUTH.equals(client.kind)) {
                return new ErrorPage("invalid_client", "unknown client");
            }
            String redirectUri = p.get("redirect_uri");
            if (redirectUri == null || !client.redirectUriList().contains(redirectUri)) {
                return new ErrorPage("invalid_request", "redirect_uri is not registered for this client");
            }
            if (!"code".equals(p.get("response_type"))) {
                return errorRedirect(p, "unsupported_response_type", "only response_type=code is supported");
            }
            String challenge = p.get("code_challenge");
            if (challenge == null || challenge.isBlank()) {
                if (client.publicClient) {
                    return errorRedirect(p, "invalid_request", "PKCE code_challenge (S256) is required");
                }
            } else if (!"S256".equals(p.get("code_challenge_method"))) {
                return errorRedirect(p, "invalid_request", "code_challenge_method must be S256");
            } else if (challenge.length() < 43 || challenge.length() > 128) {
                return errorRedirect(p, "invalid_request", "code_challenge has an invalid length");
            }
            String maxAge = p.get("max_age");
            if (maxAge != null && !maxAge.isBlank() && !maxAge.matches("\\d{1,9}")) {
                return errorRedirect(p, "invalid_request", "max_age must be a non-negative integer");
            }
            return client;
        });
    }

    /** A GET/POST authorization request without credentials: reuse the SSO session, or show the login form. */
    public Uni<Decision> request(Map<String, String> p, String ssoCookie) {
        return tx.inTransaction(() -> validate(p).chain(v -> {
            if (v instanceof Decision d) {
                return Uni.createFrom().item(d);
            }
            OAuthClient client = (OAuthClient) v;
            String prompt = p.getOrDefault("prompt", "");
            boolean forceLogin = prompt.contains("login");
            Uni<UserSession> existing = ssoCookie == null || forceLogin ? Uni.createFrom().nullItem()
                    : sessionRows.byCookieHash(Secrets.sha256Hex(ssoCookie));
            return existing.chain(session -> {
                boolean usable = session != null && session.live() && fresh(session, p.get("max_age"));
                if (usable) {
                    return code(p, session).map(location -> (Decision) new RedirectTo(location, null));
                }
                if (prompt.contains("none")) {
                    return Uni.createFrom().item(errorRedirect(p, "login_required", "the user is not signed in"));
                }
                return Uni.createFrom().item(new ShowLogin(client, p, null));
            });
        }));
    }

    /** The user signed in on the login page: start a session, set the SSO cookie, redirect with a code. */
    public Uni<Decision> signedIn(Map<String, String> p, UUID userId) {
        return tx.inTransaction(() -> validate(p).chain(v -> {
            if (v instanceof Decision d) {
                return Uni.createFrom().item(d);
            }
            String cookie = Secrets.random(32);
            return users.findById(userId)
                    .chain(u -> sessions.start(u, p.get("client_id"), Secrets.sha256Hex(cookie)))
                    .chain(session -> code(p, session))
                    .map(location -> (Decision) new RedirectTo(location, cookie));
        }));
    }

    public Uni<Decision> loginFailed(Map<String, String> p, String message) {
        return Uni.createFrom().deferred(() -> validate(p)).map(v -> v instanceof Decision d ? d
                : new ShowLogin((OAuthClient) v, p, message));
    }

    private static boolean fresh(UserSession session, String maxAge) {
        if (maxAge == null || maxAge.isBlank()) {
            return true;
        }
        return session.authTime.plusSeconds(Long.parseLong(maxAge)).isAfter(Instant.now());
    }

    private Uni<String> code(Map<String, String> p, UserSession session) {
        String code = Secrets.random(32);
        AuthorizationCode grant = new AuthorizationCode();
        grant.codeHash = Secrets.sha256Hex(code);
        grant.clientId = p.get("client_id");
        grant.sessionId = session.id;
        grant.redirectUri = p.get("redirect_uri");
        grant.scope = p.get("scope");
        grant.nonce = p.get("nonce");
        String challenge = p.get("code_challenge");
        grant.codeChallenge = challenge == null || challenge.isBlank() ? null : challenge;
        grant.expiresAt = Instant.now().plus(config.tokens().authorizationCodeTtl());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", code);
        if (p.get("state") != null) {
            query.put("state", p.get("state"));
        }
        query.put("iss", config.issuer());
        return codes.insert(grant).replaceWith(append(p.get("redirect_uri"), query));
    }

    /** Back to the client's (validated) redirect URI with an OAuth error. */
    public RedirectTo errorRedirect(Map<String, String> p, String error, String description) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", error);
        query.put("error_description", description);
        if (p.get("state") != null) {
            query.put("state", p.get("state"));
        }
        query.put("iss", config.issuer());
        return new RedirectTo(append(p.get("redirect_uri"), query), null);
    }

    public static String append(String uri, Map<String, String> query) {
        StringBuilder out = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            out.append(sep).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return out.toString();
    }
}
