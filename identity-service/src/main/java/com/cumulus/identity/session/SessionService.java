package com.cumulus.identity.session;

import com.cumulus.common.events.SqlOutbox;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.membership.MembershipStore;
import com.cumulus.identity.token.Secrets;
import com.cumulus.identity.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Login sessions, the tokens issued in them, and their revocation (with {@code session.revoked} events). */
@ApplicationScoped
public class SessionService {

    public static final String SESSION_REVOKED = "com.cumulus.identity.session.revoked.v1";
    public static final String LOGGED_IN = "com.cumulus.identity.user.logged-in.v1";

    private final IdentityConfig config;
    private final TokenService tokens;
    private final MembershipStore memberships;
    private final SqlOutbox outbox;
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;

    public SessionService(IdentityConfig config, TokenService tokens, MembershipStore memberships, SqlOutbox outbox,
                          SessionRepository sessions, RefreshTokenRepository refreshTokens) {
        this.config = config;
        this.tokens = tokens;
        this.memberships = memberships;
        this.outbox = outbox;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
    }

    /** Starts a session (inside the caller's transaction) and records the logged-in event. */
    public Uni<UserSession> start(User user, String clientId, String cookieHash) {
        UserSession session = new UserSession();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.clientId = clientId;
        session.cookieHash = cookieHash;
        Instant now = Instant.now();
        session.authTime = now;
        session.createdAt = now;
        session.expiresAt = now.plus(config.tokens().sessionTtl());
        return sessions.insert(session)
                .chain(saved -> outbox.record(LOGGED_IN, user.id.toString(), loggedInData(user.id, session.id, now),
                        user.id.toString()).replaceWith(saved));
    }

    /** The data of {@link #LOGGED_IN}. */
    public static Map<String, Object> loggedInData(UUID userId, UUID sessionId, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId.toString());
        data.put("sessionId", sessionId.toString());
        data.put("at", at.toString());
        return data;
    }

    /** An access token for the user in this session, with orgs from the membership projection. */
    public Uni<TokenService.Issued> issue(User user, UserSession session, String clientId, String scope) {
        return memberships.orgsOf(user.id).chain(orgs -> {
            TokenService.Issued issued = tokens.accessToken(new TokenService.Subject(user.id.toString(), "user",
                    user.email, orgs, user.platformAdmin ? List.of("platform-admin") : List.of(),
                    session.id.toString(), clientId, scope));
            IssuedToken record = new IssuedToken();
            record.jti = UUID.fromString(issued.jti());
            record.sessionId = session.id;
            record.expiresAt = issued.expiresAt();
            return sessions.insertIssued(record).replaceWith(issued);
        });
    }

    /** Creates a rotated refresh token for the session and returns its clear value. */
    public Uni<String> newRefreshToken(UserSession session, String clientId, String scope, String nonce) {
        String value = Secrets.random(32);
        RefreshToken token = new RefreshToken();
        token.tokenHash = Secrets.sha256Hex(value);
        token.sessionId = session.id;
        token.clientId = clientId;
        token.scope = scope;
        token.nonce = nonce;
        token.createdAt = Instant.now();
        token.expiresAt = Instant.now().plus(config.tokens().refreshTokenTtl());
        return refreshTokens.insert(token).replaceWith(value);
    }

    /** Revokes one session (idempotent) and publishes session.revoked with the ids of its live tokens. */
    public Uni<Void> revoke(UserSession session) {
        if (session.revokedAt != null) {
            return Uni.createFrom().voidItem();
        }
        session.revokedAt = Instant.now();
        return sessions.markRevoked(session.id, session.revokedAt)
                .chain(() -> sessions.liveIssued(session.id, Instant.now()))
                .chain(live -> {
                    List<String> ids = new ArrayList<>();
                    Instant latest = Instant.now();
                    for (IssuedToken t : live) {
                        ids.add(t.jti.toString());
                        if (t.expiresAt.isAfter(latest)) {
                            latest = t.expiresAt;
                        }
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("sessionId", session.id.toString());
                    data.put("userId", session.userId.toString());
                    data.put("tokenIds", ids);
                    data.put("expiresAt", latest.toString());
                    return outbox.record(SESSION_REVOKED, session.id.toString(), data, session.userId.toString());
                })
                .chain(() -> refreshTokens.markSessionUsed(session.id, Instant.now()));
    }

    /** Revokes every live session of the user except {@code keep} (may be null). */
    public Uni<Void> revokeAll(UUID userId, UUID keep) {
        return sessions.unrevokedOf(userId)
                .chain(sessions -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UserSession s : sessions) {
                        if (!s.id.equals(keep)) {
                            chain = chain.chain(() -> revoke(s));
                        }
                    }
                    return chain;
                });
    }

    public Uni<UserSession> find(String sessionId) {
        try {
            return sessions.findById(UUID.fromString(sessionId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem();
        }
    }
}
