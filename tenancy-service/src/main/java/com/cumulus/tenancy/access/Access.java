package com.cumulus.tenancy.access;

import java.util.Set;
import java.util.UUID;

/**
 * What the caller may do in one organization: its roles there (from tenancy's membership table, or for API keys and
 * service accounts from the token) and the permissions they grant.
 */
public record Access(UUID organizationId, String subject, Set<String> roles, Set<String> permissions,
                     boolean platformAdmin) {

    public boolean can(String permission) {
        return platformAdmin || permissions.contains(permission);
    }
}
