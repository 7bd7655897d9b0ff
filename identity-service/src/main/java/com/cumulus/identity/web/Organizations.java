package com.cumulus.identity.web;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;

import java.util.UUID;

/** Organization-scoped authorization from the token's {@code orgs}: other organization → 404, missing role → 403. */
public final class Organizations {

    private Organizations() {
    }

    public static UUID requireMember(Caller caller, String organizationId, String what) {
        UUID id;
        try {
            id = UUID.fromString(organizationId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound(what);
        }
        if (!caller.isMemberOf(id.toString())) {
            throw ApiException.notFound(what);
        }
        return id;
    }

    public static UUID requireAdmin(Caller caller, String organizationId, String what) {
        UUID id = requireMember(caller, organizationId, what);
        if (!caller.hasRole(id.toString(), "admin")) {
            throw ApiException.forbidden("admin role required in this organization");
        }
        return id;
    }
}
