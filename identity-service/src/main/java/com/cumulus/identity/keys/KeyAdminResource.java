package com.cumulus.identity.keys;

import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** On-demand signing-key rotation for platform administrators (internal: the gateway does not route /internal). */
@Path("/internal/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyAdminResource {

    @Inject
    KeyService keys;
    @Inject
    CurrentCaller callers;

    @POST
    @Path("/rotate")
    @Authenticated
    public Uni<Map<String, String>> rotate() {
        if (!callers.get().isPlatformAdmin()) {
            throw ApiException.forbidden("platform-admin role required");
        }
        return keys.rotate().map(kid -> Map.of("kid", kid));
    }
}
