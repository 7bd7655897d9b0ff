package com.cumulus.identity.session;

import java.time.Instant;
import java.util.UUID;

/** A login session: every token issued from one login carries its id as {@code sid}. */
public class UserSession {
    public UUID id;
    public UUID userId;
    public String clientId;
    /** SHA-256 of the browser SSO cookie, for sessions started at the authorization endpoint. */
    public String cookieHash;
    public Instant authTime;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;

    public boolean live() {
        return revokedAt == null && expiresAt.isAfter(Instant.now());
    }
}
