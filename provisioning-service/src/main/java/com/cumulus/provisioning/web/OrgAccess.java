package com.cumulus.provisioning.web;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;

/**
 * Authorization from the token's {@code orgs}: any member reads; admins and developers operate; a non-member gets 404
 * (the organization's existence is not revealed).
 */
public final class OrgAccess {

    private OrgAccess() {
    }

    public static void read(Caller caller, String organizationId) {
        if (!caller.isMemberOf(organizationId)) {
            throw ApiException.notFound("organization");
        }
    }

    public static void operate(Caller caller, String organizationId) {
        read(caller, organizationId);
        if (!caller.hasRole(organizationId, "admin") && !caller.hasRole(organizationId, "developer")) {
            throw ApiException.forbidden("requires the admin or developer role in this organization");
        }
    }

    public static void admin(Caller caller, String organizationId) {
        read(caller, organizationId);
        if (!caller.hasRole(organizationId, "admin")) {
            throw ApiException.forbidden("requires the admin role in this organization");
        }
    }
}
