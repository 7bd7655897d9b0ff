package com.cumulus.identity.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A login session: every token issued from one login carries its id as {@code sid}. */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "user_id")
    public UUID userId;
    @Column(name = "client_id")
    public String clientId;
    /** SHA-256 of the browser SSO cookie, for sessions started at the authorization endpoint. */
    @Column(name = "cookie_hash")
    public String cookieHash;
    @Column(name = "auth_time")
    public Instant authTime;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean live() {
        return revokedAt == null && expiresAt.isAfter(Instant.now());
    }
}
