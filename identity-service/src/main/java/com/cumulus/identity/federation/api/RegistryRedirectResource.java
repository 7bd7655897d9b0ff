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

/** Seed 002 {@code GET|POST /oauth2/redirect}: a user-registry (upstream provider) login coming back, as a query or a form post. */
@Path("/oauth2/redirect")
public class RegistryRedirectResource {

    @Inject
    FederationService federation;
    @Inject
    AuthorizationPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> registryRedirect(@QueryParam("code") String code, @QueryParam("state") String state,
                                          @QueryParam("error") String error,
                                          @QueryParam("error_description") String errorDescription) {
        return federation.callback(code, state, error, errorDescription).chain(pages::respond);
    }

    /** {@code response_mode=form_post}. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> registryRedirectPost(MultivaluedMap<String, String> form) {
        return federation.callback(form.getFirst("code"), form.getFirst("state"), form.getFirst("error"),
                form.getFirst("error_description")).chain(pages::respond);
    }

}
