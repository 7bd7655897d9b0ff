package com.cumulus.tenancy.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Seed 003 clients send the raw token ({@code AUTHORIZATION: <jwt>}); the gateway rewrites it to Bearer, and so does
 * this filter when the service is called directly, so both forms are accepted.
 */
@ApplicationScoped
public class RawAuthorizationFilter {

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            String value = rc.request().getHeader("Authorization");
            if (value != null && !value.isBlank() && value.trim().indexOf(' ') < 0
                    && value.chars().filter(c -> c == '.').count() == 2) {
                rc.request().headers().set("Authorization", "Bearer " + value.trim());
            }
            rc.next();
        });
    }
}
