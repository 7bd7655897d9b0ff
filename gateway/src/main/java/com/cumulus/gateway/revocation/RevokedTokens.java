package com.cumulus.gateway.revocation;

import com.cumulus.gateway.auth.VerifiedToken;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions, token ids and subjects identity revoked (logout, rotated or deleted service-account tokens, revoked
 * sessions), from identity.events. An entry is kept until the tokens it covers have expired.
 */
@Singleton
public class RevokedTokens {

    /** Access tokens live 15 minutes by default; an entry is kept at least this long (or past the event's expiry). */
    private static final long DEFAULT_KEEP_SECONDS = 24 * 3600;

    private final ConcurrentHashMap<String, Long> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> tokenIds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> subjects = new ConcurrentHashMap<>();

    public RevokedTokens(Vertx vertx) {
        vertx.setPeriodic(60_000, id -> purge());
    }

    public boolean isRevoked(VerifiedToken token) {
        return (token.sessionId() != null && sessions.containsKey(token.sessionId()))
                || (token.tokenId() != null && tokenIds.containsKey(token.tokenId()))
                || subjects.containsKey(token.subject());
    }

    public void revokeSession(String sessionId, Instant keepUntil) {
        if (sessionId != null) {
            sessions.put(sessionId, until(keepUntil));
        }
    }

    public void revokeTokens(Collection<String> ids, Instant keepUntil) {
        long until = until(keepUntil);
        ids.forEach(id -> tokenIds.put(id, until));
    }

    /** Every token of this subject (a deleted service account), whatever its id. */
    public void revokeSubject(String subject) {
        if (subject != null) {
            subjects.put(subject, Long.MAX_VALUE);
        }
    }

    private static long until(Instant keepUntil) {
        long floor = Instant.now().getEpochSecond() + DEFAULT_KEEP_SECONDS;
        return keepUntil == null ? floor : Math.max(keepUntil.getEpochSecond() + 60, floor);
    }

    private void purge() {
        long now = Instant.now().getEpochSecond();
        sessions.values().removeIf(until -> until < now);
        tokenIds.values().removeIf(until -> until < now);
    }
}
