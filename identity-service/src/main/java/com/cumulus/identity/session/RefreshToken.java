package com.cumulus.identity.session;

import java.time.Instant;
import java.util.UUID;

/** A refresh token (SHA-256 stored); rotated on use, and a reused one revokes its whole session. */
public class RefreshToken {
    public String tokenHash;
    public UUID sessionId;
    public String clientId;
    public String scope;
    public String nonce;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant usedAt;
}
