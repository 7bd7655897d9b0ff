package com.cumulus.identity.oauth.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A single-use authorization code (SHA-256 stored) bound to client, redirect URI, session and PKCE challenge. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCode extends PanacheEntityBase {
    @Id
    @Column(name = "code_hash")
    public String codeHash;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "redirect_uri")
    public String redirectUri;
    public String scope;
    public String nonce;
    @Column(name = "code_challenge")
    public String codeChallenge;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
