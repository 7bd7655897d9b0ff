package com.cumulus.tenancy.access.api;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Seed 001: {@code GET /api/v1/organizations/{organizationID}/roles} — the roles the organization can use. */
@Path("/api/v1/organizations/{organizationID}/roles")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleMetadata(String id, String name, String description) {
    }

    public record RoleRead(RoleMetadata metadata, Set<String> permissions) {
    }

    static final Map<String, String> DESCRIPTIONS = Map.of(
            "admin", "Administrator: everything in the organization.",
            "developer", "Developer: reads everything, creates and updates projects.",
            "billing", "Billing: reads the organization, its members, projects and quotas.",
            "reader", "Reader: read-only access.");

    private final AccessService access;
    private final CurrentCaller callers;

    public RolesResource(AccessService access, CurrentCaller callers) {
        this.access = access;
        this.callers = callers;
    }

    @GET
    public Uni<List<RoleRead>> list(@PathParam("organizationID") String org) {
        var orgId = AccessService.parseId(org, "organization");
        return Panache.withSession(() -> access.access(callers.get(), orgId)).map(a -> Permissions.BUILT_IN.entrySet()
                .stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new RoleRead(new RoleMetadata(roleId(e.getKey()), e.getKey(), DESCRIPTIONS.get(e.getKey())),
                        new java.util.TreeSet<>(e.getValue())))
                .toList());
    }

    /** Built-in roles have stable ids derived from their names. */
    public static String roleId(String name) {
        return UUID.nameUUIDFromBytes(("role:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
