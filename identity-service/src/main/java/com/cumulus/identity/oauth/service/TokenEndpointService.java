package com.cumulus.identity.oauth.service;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.apikey.domain.ApiKey;
import com.cumulus.identity.apikey.repository.ApiKeyRepository;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.oauth.domain.OAuthClient;
import com.cumulus.identity.oauth.repository.AuthorizationCodeRepository;
import com.cumulus.identity.oauth.repository.GrantClientLookup;
import com.cumulus.identity.oauth.repository.OAuthClientRepository;
import com.cumulus.identity.oauth.repository.RefreshRotation;
import com.cumulus.identity.session.RefreshTokenRepository;
import com.cumulus.identity.session.SessionRepository;
import com.cumulus.identity.session.SessionService;
import com.cumulus.identity.session.UserSession;
import com.cumulus.identity.token.Secrets;
import com.cumulus.identity.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The grants of {@code /oauth2/v2/token}, plus revocation and introspection. */
@ApplicationScoped
public class TokenEndpointService {

    private final TokenService tokens;
    private final SessionService sessions;
    private final GrantClientLookup grantClients;
    private final RefreshRotation rotation;
    private final IdentityConfig config;
    private final SqlTransactions tx;
    private final OAuthClientRepository clients;
    private final ApiKeyRepository apiKeys;
    private final AuthorizationCodeRepository codes;
    private final SessionRepository sessionRows;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;

    public TokenEndpointService(TokenService tokens, SessionService sessions, GrantClientLookup grantClients,
                                RefreshRotation rotation, IdentityConfig config, SqlTransactions tx,
                                OAuthClientRepository clients, ApiKeyRepository apiKeys,
                                AuthorizationCodeRepository codes, SessionRepository sessionRows,
                                RefreshTokenRepository refreshTokens, UserRepository users) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.grantClients = grantClients;
        this.rotation = rotation;
        this.config = config;
        this.tx = tx;
        this.clients = clients;
        this.apiKeys = apiKeys;
        this.codes = codes;
        this.sessionRows = sessionRows;
        this.refreshTokens = refreshTokens;
        this.users = users;
    }

    /** An authenticated client: a registered OAuth client or an API key. */
    public record AuthenticatedClient(OAuthClient client, ApiKey apiKey) {
        public String id() {
            return client != null ? client.clientId : apiKey.id.toString();
        }
    }

    /** A failed grant whose side effects (revocations) must still commit. */
    private record Outcome(TokenResponse body, OAuthException error) {
    }

    // ---- client authentication ----

    /** Authenticates a client: confidential clients and API keys by secret, public clients by id alone. */
    public Uni<AuthenticatedClient> authenticate(ClientCredentials credentials, boolean secretRequired) {
        return clients.findById(credentials.clientId()).chain(client -> {
            if (client != null) {
                if (!client.enabled()) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                if (client.publicClient) {
                    if (secretRequired) {
                        throw OAuthException.unauthorizedClient("public clients cannot use this grant");
                    }
                    return Uni.createFrom().item(new AuthenticatedClient(client, null));
                }
                if (!Secrets.matches(credentials.secret(), client.secretHash)) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                return Uni.createFrom().item(new AuthenticatedClient(client, null));
            }
            UUID keyId;
            try {
                keyId = UUID.fromString(credentials.clientId());
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient(credentials.basic());
            }
            return apiKeys.findById(keyId).map(key -> {
                if (key == null || !key.usable() || !Secrets.matches(credentials.secret(), key.secretHash)) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                return new AuthenticatedClient(null, key);
            });
        });
    }

    // ---- grants ----

    public Uni<TokenResponse> clientCredentials(ClientCredentials credentials, String scope) {
        if (credentials.secret() == null || credentials.secret().isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidClient(credentials.basic()));
        }
        return grantClients.client(credentials.clientId()).chain(client -> {
            if (client != null) {
                if (!client.enabled()) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                if (client.publicClient()) {
                    throw OAuthException.unauthorizedClient("public clients cannot use this grant");
                }
                if (!Secrets.matches(credentials.secret(), client.secretHash())) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                TokenService.Issued issued = tokens.accessToken(new TokenService.Subject(client.clientId(), "client",
                        null, Map.of(), List.of(), null, client.clientId(), scope));
                return Uni.createFrom().item(TokenResponse.of(issued, null, null, scope));
            }
            UUID keyId;
            try {
                keyId = UUID.fromString(credentials.clientId());
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient(credentials.basic());
            }
            return grantClients.apiKey(keyId).chain(key -> {
                if (key == null || !key.usable() || !Secrets.matches(credentials.secret(), key.secretHash())) {
                    throw OAuthException.invalidClient(credentials.basic());
                }
                TokenService.Issued issued = tokens.accessToken(new TokenService.Subject(key.id().toString(),
                        "api_key", null, Map.of(key.organizationId().toString(), key.roles()), List.of(), null,
                        key.id().toString(), scope));
                return grantClients.touch(key).replaceWith(TokenResponse.of(issued, null, null, scope));
            });
        });
    }

    public Uni<TokenResponse> authorizationCode(ClientCredentials credentials, String code, String redirectUri,
                                                      String verifier) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("code is required"));
        }
        return tx.inTransaction(() -> authenticate(credentials, false).chain(auth -> {
            if (auth.client() == null || !OAuthClient.KIND_OAUTH.equals(auth.client().kind)) {
                throw OAuthException.unauthorizedClient("client cannot use authorization_code");
            }
            return codes.findByHash(Secrets.sha256Hex(code)).chain(grant -> {
                if (grant == null) {
                    return fail(OAuthException.invalidGrant("unknown authorization code"));
                }
                if (grant.usedAt != null) {
                    // a replayed code: revoke everything it issued (its session)
                    return sessions.find(grant.sessionId.toString())
                            .chain(s -> s == null ? Uni.createFrom().voidItem() : sessions.revoke(s))
                            .replaceWith(new Outcome(null, OAuthException.invalidGrant("authorization code already used")));
                }
                if (!grant.clientId.equals(auth.id())) {
                    return fail(OAuthException.invalidGrant("code was issued to another client"));
                }
                if (grant.expiresAt.isBefore(Instant.now())) {
                    return fail(OAuthException.invalidGrant("authorization code expired"));
                }
                if (!grant.redirectUri.equals(redirectUri)) {
                    return fail(OAuthException.invalidGrant("redirect_uri does not match"));
                }
                if (grant.codeChallenge != null) {
                    if (verifier == null || !grant.codeChallenge.equals(Secrets.s256(verifier))) {
                        return fail(OAuthException.invalidGrant("PKCE verification failed"));
                    }
                } else if (auth.client().publicClient) {
                    return fail(OAuthException.invalidGrant("PKCE required"));
                }
                grant.usedAt = Instant.now();
                return codes.markUsed(grant.codeHash, grant.usedAt)
                        .chain(() -> sessionRows.findById(grant.sessionId))
                        .chain(session -> {
                            if (session == null || !session.live()) {
                                return fail(OAuthException.invalidGrant("session ended"));
                            }
                            return issueForSession(session, auth.client(), grant.scope, grant.nonce, true)
                                    .map(body -> new Outcome(body, null));
                        });
            });
        })).map(TokenEndpointService::unwrap);
    }

    /**
     * The {@code refresh_token} grant: one read ({@link RefreshRotation#load}), then one statement that rotates
     * ({@link RefreshRotation#rotate}). Client authentication and every check are those of the other grants:
     * unknown token or another client's: {@code invalid_grant}; a used one (also one used concurrently, found by the
     * rotation): the whole session is revoked (with {@code session.revoked}); expired: {@code invalid_grant}; its
     * session ended: the token is marked used and {@code invalid_grant}.
     */
    public Uni<TokenResponse> refresh(ClientCredentials credentials, String refreshToken, String scope) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("refresh_token is required"));
        }
        String tokenHash = Secrets.sha256Hex(refreshToken);
        return rotation.load(credentials.clientId(), tokenHash).chain(state -> {
            RefreshRotation.Client client = state.client();
            if (client == null) {
                return apiKeyClient(credentials)
                        .map(ignored -> { throw OAuthException.invalidGrant("unknown refresh token"); });
            }
            if (!client.enabled()) {
                throw OAuthException.invalidClient(credentials.basic());
            }
            if (!client.publicClient() && !Secrets.matches(credentials.secret(), client.secretHash())) {
                throw OAuthException.invalidClient(credentials.basic());
            }
            RefreshRotation.Token rt = state.token();
            if (rt == null || !rt.clientId().equals(client.clientId())) {
                throw OAuthException.invalidGrant("unknown refresh token");
            }
            if (rt.usedAt() != null) {
                return reused(rt.sessionId());
            }
            Instant now = Instant.now();
            if (rt.expiresAt().isBefore(now)) {
                throw OAuthException.invalidGrant("refresh token expired");
            }
            RefreshRotation.Session session = state.session();
            if (session == null || !session.live()) {
                return rotation.markUsed(tokenHash, now).map(ignored -> {
                    throw OAuthException.invalidGrant("session ended");
                });
            }
            RefreshRotation.User user = state.user();
            if (user == null) {
                throw OAuthException.invalidGrant("user no longer exists");
            }
            String sessionId = session.id().toString();
            TokenService.Issued issued = tokens.accessToken(new TokenService.Subject(user.id().toString(), "user",
                    user.email(), user.orgs(), user.platformAdmin() ? List.of("platform-admin") : List.of(),
                    sessionId, client.clientId(), rt.scope()));
            String idToken = hasScope(rt.scope(), "openid")
                    ? tokens.idToken(user.id().toString(), client.clientId(), user.email(), user.firstName(),
                    user.lastName(), null, session.authTime(), issued.token(), sessionId,
                    client.idTokenSignedResponseAlg())
                    : null;
            String next = Secrets.random(32);
            return rotation.rotate(new RefreshRotation.Rotation(tokenHash, now, UUID.fromString(issued.jti()),
                            issued.expiresAt(), Secrets.sha256Hex(next), client.clientId(), rt.scope(),
                            now.plus(config.tokens().refreshTokenTtl())))
                    .chain(rotated -> rotated ? Uni.createFrom().item(TokenResponse.of(issued, next, idToken, rt.scope()))
                            : reused(rt.sessionId()));
        });
    }

    /** A refresh token presented again after its rotation: the whole session is revoked. */
    private Uni<TokenResponse> reused(UUID sessionId) {
        return tx.inTransaction(() -> sessions.find(sessionId.toString())
                        .chain(s -> s == null ? Uni.createFrom().voidItem() : sessions.revoke(s)))
                .map(ignored -> { throw OAuthException.invalidGrant("refresh token already used"); });
    }

    /** An API key authenticating as a client (it has no refresh tokens); fails with invalid_client otherwise. */
    private Uni<Void> apiKeyClient(ClientCredentials credentials) {
        UUID keyId;
        try {
            keyId = UUID.fromString(credentials.clientId());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(OAuthException.invalidClient(credentials.basic()));
        }
        return grantClients.apiKey(keyId).map(key -> {
            if (key == null || !key.usable() || !Secrets.matches(credentials.secret(), key.secretHash())) {
                throw OAuthException.invalidClient(credentials.basic());
            }
            return null;
        });
    }

    private Uni<TokenResponse> issueForSession(UserSession session, OAuthClient client, String scope,
                                                     String nonce, boolean withNonce) {
        String clientId = client.clientId;
        return users.findById(session.userId).chain(user -> {
            if (user == null) {
                throw OAuthException.invalidGrant("user no longer exists");
            }
            return sessions.issue(user, session, clientId, scope).chain(issued ->
                    sessions.newRefreshToken(session, clientId, scope, nonce).map(refresh -> {
                        String idToken = null;
                        if (hasScope(scope, "openid")) {
                            idToken = tokens.idToken(user.id.toString(), clientId, user.email, user.firstName,
                                    user.lastName, withNonce ? nonce : null, session.authTime, issued.token(),
                                    session.id.toString(), client.idTokenSignedResponseAlg);
                        }
                        return TokenResponse.of(issued, refresh, idToken, scope);
                    }));
        });
    }

    // ---- revocation (RFC 7009) and introspection (RFC 7662) ----

    public Uni<Void> revoke(ClientCredentials credentials, String token) {
        return tx.inTransaction(() -> authenticate(credentials, false).chain(auth -> {
            if (token == null || token.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            return refreshTokens.findByHash(Secrets.sha256Hex(token)).chain(rt -> {
                if (rt != null) {
                    if (!rt.clientId.equals(auth.id())) {
                        return Uni.createFrom().voidItem();
                    }
                    return sessions.find(rt.sessionId.toString())
                            .chain(s -> s == null ? Uni.createFrom().voidItem() : sessions.revoke(s));
                }
                JwtClaims claims = tokens.verify(token).orElse(null);
                Object sid = claims == null ? null : claims.getClaimValue("sid");
                Object cid = claims == null ? null : claims.getClaimValue("client_id");
                if (sid == null || (cid != null && !cid.toString().equals(auth.id()))) {
                    return Uni.createFrom().voidItem();
                }
                return sessions.find(sid.toString()).chain(s -> s == null ? Uni.createFrom().voidItem() : sessions.revoke(s));
            });
        }));
    }

    public Uni<Map<String, Object>> introspect(ClientCredentials credentials, String token) {
        if (credentials.secret() == null) {
            return Uni.createFrom().failure(OAuthException.invalidClient(credentials.basic()));
        }
        return Uni.createFrom().deferred(() -> authenticate(credentials, true)).chain(auth -> {
            Map<String, Object> inactive = Map.of("active", false);
            if (token == null || token.isBlank()) {
                return Uni.createFrom().item(inactive);
            }
            JwtClaims claims = tokens.verify(token).orElse(null);
            if (claims != null) {
                Object sid = claims.getClaimValue("sid");
                Uni<Boolean> live = sid == null ? Uni.createFrom().item(true)
                        : sessions.find(sid.toString()).map(s -> s != null && s.live());
                return live.map(ok -> {
                    if (!ok) {
                        return inactive;
                    }
                    Map<String, Object> out = new LinkedHashMap<>(claims.getClaimsMap());
                    out.put("active", true);
                    out.put("token_type", "Bearer");
                    return out;
                });
            }
            return refreshTokens.findByHash(Secrets.sha256Hex(token)).chain(rt -> {
                if (rt == null || rt.usedAt != null || rt.expiresAt.isBefore(Instant.now())) {
                    return Uni.createFrom().item(inactive);
                }
                return sessionRows.findById(rt.sessionId).map(s -> {
                    if (s == null || !s.live()) {
                        return inactive;
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("active", true);
                    out.put("token_type", "refresh_token");
                    out.put("client_id", rt.clientId);
                    out.put("sub", s.userId.toString());
                    out.put("sid", s.id.toString());
                    out.put("exp", rt.expiresAt.getEpochSecond());
                    if (rt.scope != null) {
                        out.put("scope", rt.scope);
                    }
                    return out;
                });
            });
        });
    }

    // ---- helpers ----

    private static Uni<Outcome> fail(OAuthException e) {
        return Uni.createFrom().item(new Outcome(null, e));
    }

    private static TokenResponse unwrap(Outcome outcome) {
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return outcome.body();
    }

    public static boolean hasScope(String scope, String wanted) {
        return scope != null && Arrays.asList(scope.split(" ")).contains(wanted);
    }
}
