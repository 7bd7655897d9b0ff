package com.cumulus.tenancy.access.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.Permissions;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Seed 002 permission catalogue: {@code org} scope = tenancy's organization permissions, {@code consumer} scope =
 * what a consumer organization's members may do with APIs (viewing products, managing apps and subscriptions).
 */
@Path("/consumer/permissions")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
public class ConnectPermissionsResource {

    public record PermissionObject(String type, @JsonProperty("api_version") String apiVersion, String id, String name,
                                   String title, String summary, String scope, String url) {
    }

    static final Map<String, String> CONSUMER = new TreeMap<>(Map.of(
            "product.view", "View products and APIs",
            "app.view", "View applications",
            "app.manage", "Create, update and delete applications",
            "subscription.view", "View subscriptions",
            "subscription.manage", "Subscribe applications to plans"));

    static List<PermissionObject> all() {
        List<PermissionObject> out = new ArrayList<>();
        new TreeMap<>(Map.copyOf(toMap())).forEach((name, title) -> out.add(object("org", name, title)));
        CONSUMER.forEach((name, title) -> out.add(object("consumer", name, title)));
        return out;
    }

    private static Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        Permissions.ALL.forEach(p -> m.put(p, p.replace('.', ' ')));
        return m;
    }

    static PermissionObject object(String scope, String name, String title) {
        String id = UUID.nameUUIDFromBytes((scope + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
        return new PermissionObject("permission", "2.0.0", id, name, title, title, scope,
                "/consumer/permissions/" + scope + "/" + id);
    }

    @GET
    public List<PermissionObject> list() {
        return all();
    }

    @GET
    @Path("/{scope:org|consumer}/{permission}")
    public PermissionObject get(@PathParam("scope") String scope, @PathParam("permission") String permission) {
        return all().stream().filter(p -> p.scope().equals(scope)
                        && (p.name().equals(permission) || p.id().equals(permission)))
                .findFirst().orElseThrow(() -> ApiException.notFound("permission"));
    }
}
