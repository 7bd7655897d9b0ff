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

/** Seed 001 {@code POST /oauth2/v2/onboard}: a first-time federated user names the organization and initial group to create. */
@Path("/oauth2/v2/onboard")
public class OnboardResource {

    @Inject
    FederationService federation;
    @Inject
    AuthorizationPages pages;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> onboard(MultivaluedMap<String, String> form) {
        List<String> roles = new ArrayList<>();
        List<String> given = form.get("roles");
        if (given != null) {
            for (String value : given) {
                // repeated fields or one comma/space separated field
                Arrays.stream(value.split("[,\\s]+")).filter(r -> !r.isBlank()).forEach(roles::add);
            }
        }
        return federation.onboard(new FederationService.Onboarding(form.getFirst("state"),
                        trim(form.getFirst("organization_name")), trim(form.getFirst("organization_description")),
                        trim(form.getFirst("group_name")), trim(form.getFirst("group_description")), roles))
                .chain(pages::respond);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
