package com.cumulus.gateway.routing;

import java.util.Locale;

/** The services behind the gateway; each owns the operations api-map.md gives it. */
public enum Upstream {
    IDENTITY, TENANCY, CATALOG, PROVISIONING;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in route groups, metrics and messages. */
    public String label() {
        return label;
    }
}
