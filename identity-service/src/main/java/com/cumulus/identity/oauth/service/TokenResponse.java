package com.cumulus.identity.oauth.service;

import com.cumulus.identity.token.JsonText;
import com.cumulus.identity.token.TokenService;

/**
 * A successful token endpoint response (RFC 6749 section 5.1), written as JSON text directly: it is on every grant,
 * and a map serialized by Jackson cost more than the few string appends.
 */
public record TokenResponse(String accessToken, long expiresIn, String refreshToken, String idToken, String scope) {

    public static TokenResponse of(TokenService.Issued issued, String refreshToken, String idToken, String scope) {
        return new TokenResponse(issued.token(), issued.expiresIn(), refreshToken, idToken,
                scope == null || scope.isBlank() ? null : scope);
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder(accessToken.length() + (idToken == null ? 0 : idToken.length()) + 160);
        JsonText.quote(accessToken, sb.append("{\"access_token\":"));
        sb.append(",\"token_type\":\"Bearer\",\"expires_in\":").append(expiresIn);
        if (refreshToken != null) {
            JsonText.quote(refreshToken, sb.append(",\"refresh_token\":"));
        }
        if (idToken != null) {
            JsonText.quote(idToken, sb.append(",\"id_token\":"));
        }
        if (scope != null) {
            JsonText.quote(scope, sb.append(",\"scope\":"));
        }
        return sb.append('}').toString();
    }
}
