package com.cumulus.identity.oauth.api;

import com.cumulus.identity.keys.KeyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The JWKS: every key that may still verify a live token (the signing key and retired ones not yet dropped). */
@Path("/oauth2/v2/jwks")
public class JwksResource {

    @Inject
    KeyService keys;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "application/jwk-set+json"})
    public Response jwks() {
        return Response.ok(Map.of("keys", keys.jwks()), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=60").build();
    }
}
