package com.cumulus.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** catalog-service settings ({@code cumulus.catalog.*}). */
@ConfigMapping(prefix = "cumulus.catalog")
public interface CatalogConfig {

    /** Item limit of a service attached to a project: how many consumer tokens it may hold. */
    @WithDefault("100")
    int projectServiceItemLimit();

    /** Publish template.published at startup for templates not yet published (so provisioning can deploy them). */
    @WithDefault("true")
    boolean publishTemplatesAtStartup();

    /**
     * How long the in-memory list of consumer-visible products (GET /public-products, GET /products) is used before
     * it is reloaded in the background; product changes made through this instance clear it at once, so the TTL only
     * bounds how late another replica's changes show (0 disables the cache).
     */
    @WithDefault("PT5S")
    Duration productListCacheTtl();

}
