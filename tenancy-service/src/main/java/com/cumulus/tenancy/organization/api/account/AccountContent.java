package com.cumulus.tenancy.organization.api.account;

import com.cumulus.tenancy.organization.domain.Organization;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** Seed 003 account: the caller's organization profile. */
public record AccountContent(@Size(min = 1, max = 100) String organizationName,
                             @Size(max = 200) String address,
                             @Size(min = 11, max = 11, message = "length must be exactly 11 characters") String phone,
                             @Email @Size(max = 70) String email) {

    public static AccountContent of(Organization o) {
        return new AccountContent(o.displayName(), o.address, o.phone, o.email);
    }
}
