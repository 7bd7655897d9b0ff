package com.cumulus.gateway.auth;

/**
 * Who is calling, as established at the edge. {@code authorization} is the header sent upstream (always
 * {@code Bearer <jwt>} for authenticated calls; passed through unchanged on public paths).
 */
public record Principal(String subject, String principalType, String clientId, String sessionId, String tokenId,
                        String authorization, boolean authenticated) {

    public static Principal anonymous(String clientAddress, String authorization) {
        return new Principal("anonymous@" + clientAddress, "anonymous", null, null, null, authorization, false);
    }

    /** The key rate limits are counted under. */
    public String rateKey() {
        return authenticated ? principalType + ":" + subject : subject;
    }
}
