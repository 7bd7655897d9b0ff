package com.cumulus.identity.oauth.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use authorization code (table {@code authorization_code}, SHA-256 stored) bound to client, redirect URI,
 * session and PKCE challenge. Read and written by {@code oauth.repository.AuthorizationCodeRepository}.
 */
public class AuthorizationCode {
    public String codeHash;
    public String clientId;
    public UUID sessionId;
    public String redirectUri;
    public String scope;
    public String nonce;
    public String codeChallenge;
    public Instant expiresAt;
    public Instant usedAt;
}
