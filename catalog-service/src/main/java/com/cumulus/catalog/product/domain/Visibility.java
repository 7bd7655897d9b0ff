package com.cumulus.catalog.product.domain;

import com.cumulus.common.security.Caller;

import java.util.Arrays;
import java.util.Set;

/** Who may see a product or API: everyone, any signed-in caller, or the listed consumer organizations. */
public final class Visibility {
    public static final String PUBLIC = "public";
    public static final String AUTHENTICATED = "authenticated";
    public static final String CUSTOM = "custom";
    public static final Set<String> ALL = Set.of(PUBLIC, AUTHENTICATED, CUSTOM);

    private Visibility() {
    }

    /** Whether a caller (null for anonymous) may see something with this visibility. */
    public static boolean allows(String visibility, String visibleOrgs, Caller caller) {
        if (PUBLIC.equals(visibility)) {
            return true;
        }
        if (caller == null || caller.subject() == null) {
            return false;
        }
        if (AUTHENTICATED.equals(visibility) || caller.isPlatformAdmin()) {
            return true;
        }
        return visibleOrgs != null && !visibleOrgs.isEmpty()
                && Arrays.stream(visibleOrgs.split(",")).anyMatch(caller::isMemberOf);
    }
}
