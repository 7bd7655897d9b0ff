package com.cumulus.identity.keys;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A token-signing key pair; the private key is AES-GCM encrypted ({@code iv || ciphertext}). */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {
    @Id
    public String kid;
    public String algorithm;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "private_key")
    public byte[] privateKey;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Set when a newer key took over signing; the key still verifies until {@link #dropAfter}. */
    @Column(name = "retired_at")
    public Instant retiredAt;
    @Column(name = "drop_after")
    public Instant dropAfter;
}
