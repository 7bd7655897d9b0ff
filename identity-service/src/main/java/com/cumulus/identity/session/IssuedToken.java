package com.cumulus.identity.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The jti of an access token issued in a session, so a revocation event can list them. */
@Entity
@Table(name = "issued_token")
public class IssuedToken extends PanacheEntityBase {
    @Id
    public UUID jti;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
