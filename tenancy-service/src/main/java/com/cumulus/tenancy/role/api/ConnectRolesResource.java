package com.cumulus.tenancy.role.api;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.api.connect.ConnectOrgObject;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.role.OrgRole;
import com.cumulus.tenancy.role.RoleService;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Seed 002: organization-defined roles, {@code PATCH|DELETE /orgs/{org}/roles/{role}} (PATCH creates when absent). */
@Path("/orgs/{org}/roles/{role}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class ConnectRolesResource {

    /** {@code permissions} by name, or {@code permission_urls} ending in the permission name. */
    public record RolePatch(@Size(max = 1023) String title, @Size(max = 65535) String summary,
                            @Size(max = 50) List<@Size(max = 128) String> permissions,
                            @JsonProperty("permission_urls") @Size(max = 50) List<@Size(max = 512) String> permissionUrls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleObject(String type, @JsonProperty("api_version") String apiVersion, String id, String name,
                             String title, String summary, String scope, List<String> permissions,
                             @JsonProperty("permission_urls") List<String> permissionUrls,
                             @JsonProperty("created_at") OffsetDateTime createdAt,
                             @JsonProperty("updated_at") OffsetDateTime updatedAt, String url) {
        static RoleObject of(OrgRole r) {
            List<String> perms = List.copyOf(r.permissionSet());
            return new RoleObject("role", ConnectOrgObject.API_VERSION, r.id.toString(), r.name,
                    r.title == null ? r.name : r.title, r.summary, "org", perms,
                    perms.stream().map(p -> "/consumer/permissions/org/" + p).toList(), r.createdAt,
                    r.modifiedAt == null ? r.createdAt : r.modifiedAt, "/orgs/" + r.organizationId + "/roles/" + r.name);
        }
    }

    private final RoleService roles;
    private final OrganizationService organizations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConnectRolesResource(RoleService roles, OrganizationService organizations, Bodies bodies, CurrentCaller callers) {
        this.roles = roles;
        this.organizations = organizations;
        this.bodies = bodies;
        this.callers = callers;
    }

    @PATCH
    public Uni<RoleObject> patch(@PathParam("org") String org, @PathParam("role") String role, RolePatch body) {
        bodies.valid(body);
        Set<String> perms = null;
        if (body.permissions() != null || body.permissionUrls() != null) {
            perms = new TreeSet<>();
            if (body.permissions() != null) {
                perms.addAll(body.permissions());
            }
            if (body.permissionUrls() != null) {
                for (String u : body.permissionUrls()) {
                    perms.add(u.substring(u.lastIndexOf('/') + 1));
                }
            }
        }
        Set<String> finalPerms = perms;
        return organizations.resolveIdInSession(callers.get(), org)
                .chain(id -> roles.upsert(callers.get(), id, role, body.title(), body.summary(), finalPerms))
                .map(RoleObject::of);
    }

    @DELETE
    public Uni<RoleObject> delete(@PathParam("org") String org, @PathParam("role") String role) {
        return organizations.resolveIdInSession(callers.get(), org)
                .chain(id -> roles.delete(callers.get(), id, role))
                .map(RoleObject::of);
    }
}
