package com.cumulus.identity.federation.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An upstream OpenID Connect provider (table {@code oauth2_provider}): a system provider ({@code organizationId} null,
 * managed by platform admins) or an organization's own. The client secret is AES-GCM encrypted at rest and never
 * leaves the service. Read and written by {@code federation.repository.IdentityProviderRepository}.
 */
public class IdentityProvider {
    public static final java.util.List<String> TYPES = java.util.List.of("oidc", "google", "microsoft", "github");

    public UUID id;
    public UUID organizationId;
    public String name;
    public String description;
    public String type;
    public String issuer;
    public String clientId;
    public byte[] clientSecret;
    public String createdBy;
    public String modifiedBy;
    public Instant createdAt;
    public Instant modifiedAt;

    public boolean system() {
        return organizationId == null;
    }
}
