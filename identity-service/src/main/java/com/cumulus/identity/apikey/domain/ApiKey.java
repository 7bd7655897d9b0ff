package com.cumulus.identity.apikey.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A seed-004 API key (table {@code api_key}): {@code id} is the keyId; the secret is stored as lowercase hex SHA-256.
 * Read and written by {@code apikey.repository.ApiKeyRepository}.
 */
public class ApiKey {
    public UUID id;
    public UUID organizationId;
    public String name;
    public String secretHash;
    /** Comma-separated: admin, developer. */
    public String roles;
    public String state;
    public String keySuffix;
    public Instant createdAt;
    public Instant expireAt;
    public Instant usedAt;

    public List<String> roleList() {
        return roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public boolean usable() {
        return "enabled".equals(state) && (expireAt == null || expireAt.isAfter(Instant.now()));
    }
}
