package com.cumulus.identity.federation.api.connect;

import com.cumulus.identity.federation.service.RegistryService;
import com.cumulus.identity.security.CurrentCaller;
import com.cumulus.common.web.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.cumulus.common.errors.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Seed 002 {@code /user-registries/{user-registry}}: the local registry and the federated ones (by id or name), a
 * user search, and one user. JSON or YAML by {@code Accept}; errors in seed 002's format (common's dialect by path).
 */
@Path("/user-registries/{user-registry}")
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
@Authenticated
public class UserRegistryResource {

    @Inject
    RegistryService registries;
    @Inject
    CurrentCaller callers;

    @GET
    public Uni<Map<String, Object>> get(@PathParam("user-registry") String registry) {
        return registries.find(callers.get(), registry).map(ConnectBodies::registry);
    }

    /** Body {@code {username?, email?}}: username matches part of the email or the name; email matches exactly. */
    @POST
    @Path("/search")
    @Consumes({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
    public Uni<Map<String, Object>> search(@PathParam("user-registry") String registry, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body is required");
        }
        String username = text(body, "username");
        String email = text(body, "email");
        return registries.find(callers.get(), registry).chain(r ->
                registries.search(callers.get(), registry, username, email)
                        .map(users -> ConnectBodies.list(users.stream().map(u -> ConnectBodies.user(u, r)).toList())));
    }

    @GET
    @Path("/users/{user}")
    public Uni<Map<String, Object>> user(@PathParam("user-registry") String registry, @PathParam("user") String user) {
        return registries.find(callers.get(), registry).chain(r ->
                registries.user(callers.get(), registry, user).map(u -> ConnectBodies.user(u, r)));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, "must be a string");
        }
        return node.asText();
    }
}
