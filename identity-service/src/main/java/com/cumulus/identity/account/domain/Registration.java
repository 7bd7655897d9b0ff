package com.cumulus.identity.account.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending account registration (table {@code registration}); the approve code is mailed and stored as SHA-256.
 * Read and written by {@code account.repository.RegistrationRepository}.
 */
public class Registration {
    public UUID id;
    public String email;
    public String organizationName;
    public String codeHash;
    public Instant codeExpiresAt;
    public Instant createdAt;
    public Instant completedAt;
}
