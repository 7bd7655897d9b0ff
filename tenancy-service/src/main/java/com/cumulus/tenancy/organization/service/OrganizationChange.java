package com.cumulus.tenancy.organization.service;

/** A partial update of an organization: null fields stay unchanged. */
public record OrganizationChange(String name, String title, String description, String type, String emailDomain,
                                 String state, String tags, String address, String phone, String email) {

    public static OrganizationChange none() {
        return new OrganizationChange(null, null, null, null, null, null, null, null, null, null);
    }

    public OrganizationChange withTitle(String value) {
        return new OrganizationChange(name, value, description, type, emailDomain, state, tags, address, phone, email);
    }
}
