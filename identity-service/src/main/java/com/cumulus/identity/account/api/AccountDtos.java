package com.cumulus.identity.account.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Seed 003 request and response bodies (field limits: email 70, names 32, password 128, organization 100). */
public final class AccountDtos {

    private AccountDtos() {
    }

    public record RegisterWrite(@NotBlank @Size(max = 100) String organizationName,
                                @NotBlank @Email @Size(max = 70) String email) {
    }

    public record RegistrationResult(String organizationName, String email, String registrationId) {
    }

    public record ActivateWrite(@NotBlank @Size(max = 200) String approveCode,
                                @Email @Size(max = 70) String email,
                                @NotBlank @Size(max = 128) String password,
                                @Size(max = 32) String firstName,
                                @Size(max = 32) String lastName) {
    }

    public record EmailWrite(@NotBlank @Email @Size(max = 70) String email) {
    }

    public record LoginWrite(@NotBlank @Size(max = 70) String email, @NotBlank @Size(max = 128) String password) {
    }

    public record ResetWrite(@NotBlank @Size(max = 200) String resetToken, @NotBlank @Size(max = 128) String password) {
    }

    public record RoleUserWrite(@NotBlank @Email @Size(max = 70) String email,
                                @NotBlank @Size(max = 128) String password,
                                @Size(max = 32) String firstName,
                                @Size(max = 32) String lastName) {
    }

    public record RoleUserUpdate(@Email @Size(max = 70) String email,
                                 @Size(min = 1, max = 128) String password,
                                 @Size(max = 32) String firstName,
                                 @Size(max = 32) String lastName) {
    }

    /** A user as seed 003 shows it; {@code token} only where the seed returns one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountUserResult(String id, String email, String firstName, String lastName, String role,
                                    String organizationId, String token) {
    }

    public record LoginResult(String token, String id, String role) {
    }
}
