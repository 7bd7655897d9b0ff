package com.cumulus.gateway.routing;

/** The services behind the gateway; each owns the operations api-map.md gives it. */
public enum Upstream {
    IDENTITY, TENANCY, CATALOG, PROVISIONING
}
