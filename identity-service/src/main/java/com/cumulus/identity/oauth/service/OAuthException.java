package com.cumulus.identity.oauth.service;

/** An RFC 6749 error: {@code {"error": code, "error_description": ...}} with the matching status. */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final boolean basicChallenge;

    public OAuthException(int status, String error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, false);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description, false);
    }

    public static OAuthException invalidClient(boolean basic) {
        return new OAuthException(401, "invalid_client", "client authentication failed", basic);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description, false);
    }

    public static OAuthException unsupportedGrantType(String grantType) {
        return new OAuthException(400, "unsupported_grant_type", "unsupported grant_type " + grantType, false);
    }

    public static OAuthException invalidToken() {
        return new OAuthException(401, "invalid_token", "the access token is invalid or expired", false);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
