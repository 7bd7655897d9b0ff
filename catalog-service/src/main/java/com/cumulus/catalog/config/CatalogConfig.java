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

    /** How long the rendered GET /public-products body is reused (0 disables); local changes clear it at once. */
    @WithDefault("PT2S")
    Duration publicListCacheTtl();
}
