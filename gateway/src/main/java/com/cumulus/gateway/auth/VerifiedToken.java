package com.cumulus.gateway.auth;

/** The claims of a verified access token the edge needs; valid until {@code exp} plus the allowed clock skew. */
public record VerifiedToken(String subject, String principalType, String clientId, String sessionId, String tokenId,
                            long validUntilEpochSecond) {

    public boolean expired() {
        return System.currentTimeMillis() / 1000 >= validUntilEpochSecond;
    }
}
