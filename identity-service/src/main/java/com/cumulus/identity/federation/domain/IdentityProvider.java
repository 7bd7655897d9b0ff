package com.cumulus.identity.federation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An upstream OpenID Connect provider: a system provider ({@code organizationId} null, managed by platform admins) or
 * an organization's own. The client secret is AES-GCM encrypted at rest and never leaves the service.
 */
@Entity
@Table(name = "oauth2_provider")
public class IdentityProvider extends PanacheEntityBase {
    public static final java.util.List<String> TYPES = java.util.List.of("oidc", "google", "microsoft", "github");

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String description;
    public String type;
    public String issuer;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "client_secret")
    public byte[] clientSecret;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_by")
    public String modifiedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "modified_at")
    public Instant modifiedAt;

    public boolean system() {
        return organizationId == null;
    }
}
