package com.cumulus.identity.account.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use password-reset link (table {@code password_reset}; token stored as SHA-256). Read and written by
 * {@code account.repository.PasswordResetRepository}.
 */
public class PasswordReset {
    public UUID id;
    public UUID userId;
    public String tokenHash;
    public Instant expiresAt;
    public Instant usedAt;
}
