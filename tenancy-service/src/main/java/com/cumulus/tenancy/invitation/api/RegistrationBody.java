package com.cumulus.tenancy.invitation.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.invitation.service.InvitationService.Registration;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Seed 002 {@code register} body. {@code password} is refused: identity owns credentials, and the new user chooses a
 * password through identity's mailed link (tenancy never receives or forwards passwords).
 */
public record RegistrationBody(@Size(max = 128) String code,
                               @Email @Size(max = 254) String email,
                               @Size(max = 255) String username,
                               @JsonProperty("first_name") @NotBlank @Size(max = 255) String firstName,
                               @JsonProperty("last_name") @NotBlank @Size(max = 255) String lastName,
                               String password) {

    Registration registration() {
        if (password != null) {
            throw ApiException.invalid("password",
                    "is not accepted here: identity mails a link to choose the password after registration");
        }
        return new Registration(code, email, username, firstName, lastName);
    }
}
