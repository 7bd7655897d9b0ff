package com.cumulus.identity.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Seed 003 answers {@code OPTIONS} on every path with the allowed methods (also serves CORS preflights). */
public class OptionsFilter {

    private static final Map<Pattern, String> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put(Pattern.compile("/api/v1/session/?"), "POST, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/session/logout/?"), "DELETE, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/forgot-password/?"), "POST, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/reset-password/?"), "PUT, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/register/?"), "POST, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/register/approve-code/?"), "POST, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/register/[^/]+/?"), "PUT, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/me/?"), "GET, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/(admins|billings|developers)/?"), "GET, POST, OPTIONS");
        PATHS.put(Pattern.compile("/api/v1/(admins|billings|developers)/[^/]+/?"), "GET, PUT, DELETE, OPTIONS");
    }

    @ServerRequestFilter(preMatching = true)
    public Response options(ContainerRequestContext context) {
        if (!"OPTIONS".equals(context.getMethod())) {
            return null;
        }
        String path = context.getUriInfo().getPath();
        for (Map.Entry<Pattern, String> entry : PATHS.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                return Response.ok("{\"meta\":{\"params\":{\"indent\":0}},\"content\":null}", MediaType.APPLICATION_JSON_TYPE)
                        .header("Allow", entry.getValue())
                        .header("Access-Control-Allow-Methods", entry.getValue())
                        .header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                        .build();
            }
        }
        return null;
    }
}
