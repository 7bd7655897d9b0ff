package com.cumulus.identity.account.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A pending account registration; the approve code is mailed and stored as SHA-256. */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {
    @Id
    public UUID id;
    public String email;
    @Column(name = "organization_name")
    public String organizationName;
    @Column(name = "code_hash")
    public String codeHash;
    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
