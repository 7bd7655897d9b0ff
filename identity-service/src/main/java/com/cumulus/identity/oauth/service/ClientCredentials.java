package com.cumulus.identity.oauth.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client's id and secret from {@code client_secret_basic} (header) or {@code client_secret_post} (form). */
public record ClientCredentials(String clientId, String secret, boolean basic) {

    public static ClientCredentials from(String authorization, String formClientId, String formSecret) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient(true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient(true);
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (formClientId != null && !formClientId.equals(id)) {
                throw OAuthException.invalidRequest("client_id differs from the authenticated client");
            }
            return new ClientCredentials(id, secret, true);
        }
        if (formClientId == null || formClientId.isBlank()) {
            throw OAuthException.invalidClient(false);
        }
        return new ClientCredentials(formClientId, formSecret, false);
    }
}
