package com.cumulus.identity.federation.api;

import com.cumulus.identity.federation.service.FederationService;
import com.cumulus.identity.oauth.api.AuthorizationPages;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Seed 001 {@code GET /oidc/callback}: back from the upstream provider (code exchange, ID token validation, user mapping). */
@Path("/oidc/callback")
public class OidcCallbackResource {

    @Inject
    FederationService federation;
    @Inject
    AuthorizationPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
                                  @QueryParam("error") String error,
                                  @QueryParam("error_description") String errorDescription) {
        return federation.callback(code, state, error, errorDescription).chain(pages::respond);
    }

}
