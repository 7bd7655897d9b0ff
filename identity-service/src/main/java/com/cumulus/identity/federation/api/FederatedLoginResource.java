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

/** Seed 001 {@code POST /oauth2/v2/login}: the login page's federated form (email domain or explicit provider) to the upstream provider. */
@Path("/oauth2/v2/login")
public class FederatedLoginResource {

    @Inject
    FederationService federation;
    @Inject
    AuthorizationPages pages;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> login(MultivaluedMap<String, String> form) {
        return federation.start(form.getFirst("state"), form.getFirst("email"), form.getFirst("provider"),
                form.getFirst("user_registry")).chain(pages::respond);
    }

}
