package com.cumulus.identity.account.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A human user (table {@code app_user}): profile and Argon2id password hash. {@code organizationId}/{@code role} is
 * the seed-003 account. Read and written by {@code account.repository.UserRepository}.
 */
public class User {
    public UUID id;
    public String email;
    public String firstName;
    public String lastName;
    public String passwordHash;
    public UUID organizationId;
    public String role;
    public boolean platformAdmin;
    public Instant createdAt;
    public Instant updatedAt;

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
