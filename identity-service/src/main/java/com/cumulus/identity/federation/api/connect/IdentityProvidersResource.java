package com.cumulus.identity.federation.api.connect;

import com.cumulus.identity.federation.service.RegistryService;
import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CallerClaims;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import com.cumulus.common.web.Yaml;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Seed 002 {@code GET /consumer/identity-providers}: the identity providers a login screen may offer. Anonymous
 * callers see the local registry and the system providers; a signed-in caller also sees the providers of their own
 * organizations (never another organization's).
 */
@Path("/consumer/identity-providers")
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class IdentityProvidersResource {

    @Inject
    RegistryService registries;
    @Inject
    CurrentIdentityAssociation identities;

    @GET
    public Uni<Map<String, Object>> list() {
        // optional authentication: resolve the (deferred) identity without blocking the event loop
        return identities.getDeferredIdentity().map(IdentityProvidersResource::caller)
                .chain(registries::visible)
                .map(all -> ConnectBodies.list(all.stream().map(ConnectBodies::identityProvider).toList()));
    }

    static Caller caller(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Caller(null, "anonymous", null, Map.of(), java.util.Set.of(), null);
        }
        return CallerClaims.fromToken(token);
    }
}
