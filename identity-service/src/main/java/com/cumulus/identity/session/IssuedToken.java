package com.cumulus.identity.session;

import java.time.Instant;
import java.util.UUID;

/** The jti of an access token issued in a session, so a revocation event can list them. */
public class IssuedToken {
    public UUID jti;
    public UUID sessionId;
    public Instant expiresAt;
}
