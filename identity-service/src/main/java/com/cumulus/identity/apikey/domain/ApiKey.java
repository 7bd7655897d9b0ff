package com.cumulus.identity.apikey.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A seed-004 API key: {@code id} is the keyId; the secret is stored as lowercase hex SHA-256. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    @Column(name = "secret_hash")
    public String secretHash;
    /** Comma-separated: admin, developer. */
    public String roles;
    public String state;
    @Column(name = "key_suffix")
    public String keySuffix;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expire_at")
    public Instant expireAt;
    @Column(name = "used_at")
    public Instant usedAt;

    public List<String> roleList() {
        return roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public boolean usable() {
        return "enabled".equals(state) && (expireAt == null || expireAt.isAfter(Instant.now()));
    }
}
