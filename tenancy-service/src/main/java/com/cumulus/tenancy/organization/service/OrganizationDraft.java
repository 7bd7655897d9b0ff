package com.cumulus.tenancy.organization.service;

/** What a dialect asks for when creating an organization. Null fields take defaults. */
public record OrganizationDraft(String name, String title, String description, String type, String emailDomain,
                                String tags) {
}
