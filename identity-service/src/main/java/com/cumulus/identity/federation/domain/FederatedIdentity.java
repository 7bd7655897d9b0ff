package com.cumulus.identity.federation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The link from an upstream identity (provider + upstream {@code sub}) to a local user. */
@Entity
@Table(name = "federated_identity")
public class FederatedIdentity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "provider_id")
    public UUID providerId;
    public String subject;
    @Column(name = "user_id")
    public UUID userId;
    public String email;
    @Column(name = "created_at")
    public Instant createdAt;
}
