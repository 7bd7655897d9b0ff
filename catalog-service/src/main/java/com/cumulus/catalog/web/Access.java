package com.cumulus.catalog.web;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;

/**
 * Tenant walls from the token's {@code orgs} claim: a caller outside the organization gets 404 (existence is not
 * revealed); a member without a writing role gets 403.
 */
public final class Access {
    public static final String ADMIN = "admin";
    public static final String DEVELOPER = "developer";

    private Access() {
    }

    public static void member(Caller caller, String organizationId, String what) {
        if (!caller.isMemberOf(organizationId)) {
            throw ApiException.notFound(what);
        }
    }

    /** Members with the admin or developer role may change apps, credentials and subscriptions. */
    public static void writer(Caller caller, String organizationId, String what) {
        member(caller, organizationId, what);
        if (!caller.hasRole(organizationId, ADMIN) && !caller.hasRole(organizationId, DEVELOPER)) {
            throw ApiException.forbidden("the admin or developer role is required");
        }
    }

    public static void admin(Caller caller, String organizationId, String what) {
        member(caller, organizationId, what);
        if (!caller.hasRole(organizationId, ADMIN)) {
            throw ApiException.forbidden("the admin role is required");
        }
    }

    public static void platformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw ApiException.forbidden("the platform-admin role is required");
        }
    }
}
