package com.cumulus.identity.federation.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A login in flight at an upstream provider (table {@code federated_login}): the hashed upstream {@code state}, the
 * nonce and PKCE verifier sent with it, the local authorization request to resume, and (for a first-time user) the
 * pending onboarding. Read and written by {@code federation.repository.FederatedLoginRepository}.
 */
public class FederatedLogin {
    public UUID id;
    public String stateHash;
    public UUID providerId;
    /** The local authorization request's parameters, as JSON. */
    public String params;
    public String nonce;
    public String codeVerifier;
    /** The redirect URI sent upstream (the token request must repeat it). */
    public String redirectUri;
    public UUID userId;
    public String onboardHash;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant onboardedAt;
}
