package com.cumulus.tenancy.access.api;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.access.api.AclResource.Acl;
import com.cumulus.tenancy.access.api.AclResource.AclScope;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;

/** Seed 001 {@code GET /api/v1/acl}: suite-wide permissions (everything for platform administrators, else none). */
@Path("/api/v1/acl")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GlobalAclResource {

    private final CurrentCaller callers;

    public GlobalAclResource(CurrentCaller callers) {
        this.callers = callers;
    }

    @GET
    public Acl global() {
        Set<String> perms = callers.get().isPlatformAdmin() ? Permissions.ALL : Set.of();
        return new Acl(new AclScope(null, AclResource.endpoints(perms)), null, null);
    }
}
