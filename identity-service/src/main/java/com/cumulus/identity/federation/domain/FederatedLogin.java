package com.cumulus.identity.federation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A login in flight at an upstream provider: the hashed upstream {@code state}, the nonce and PKCE verifier sent
 * with it, the local authorization request to resume, and (for a first-time user) the pending onboarding.
 */
@Entity
@Table(name = "federated_login")
public class FederatedLogin extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "state_hash")
    public String stateHash;
    @Column(name = "provider_id")
    public UUID providerId;
    /** The local authorization request's parameters, as JSON. */
    public String params;
    public String nonce;
    @Column(name = "code_verifier")
    public String codeVerifier;
    /** The redirect URI sent upstream (the token request must repeat it). */
    @Column(name = "redirect_uri")
    public String redirectUri;
    @Column(name = "user_id")
    public UUID userId;
    @Column(name = "onboard_hash")
    public String onboardHash;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
    @Column(name = "onboarded_at")
    public Instant onboardedAt;
}
