package com.cumulus.identity.federation.domain;

import java.util.UUID;

/**
 * Tenancy's organization name and email domain (table {@code organization_directory}, projection of tenancy.events),
 * for login routing by domain. Read by {@code federation.repository.OrganizationEntryRepository}.
 */
public class OrganizationEntry {
    public UUID organizationId;
    public String name;
    public String emailDomain;
}
