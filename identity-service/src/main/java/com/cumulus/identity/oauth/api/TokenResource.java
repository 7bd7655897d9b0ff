package com.cumulus.identity.oauth.api;

import com.cumulus.identity.oauth.service.ClientCredentials;
import com.cumulus.identity.oauth.service.OAuthException;
import com.cumulus.identity.oauth.service.TokenEndpointService;
import com.cumulus.identity.oauth.service.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;


/** {@code /oauth2/v2/token}, {@code /oauth2/v2/revoke} (RFC 7009) and {@code /oauth2/v2/introspect} (RFC 7662). */
@Path("/oauth2/v2")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenEndpointService service;

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        String grantType = form.getFirst("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        ClientCredentials client = ClientCredentials.from(authorization, form.getFirst("client_id"),
                form.getFirst("client_secret"));
        Uni<TokenResponse> result = switch (grantType) {
            case "client_credentials" -> service.clientCredentials(client, form.getFirst("scope"));
            case "authorization_code", "code" -> service.authorizationCode(client, form.getFirst("code"),
                    form.getFirst("redirect_uri"), form.getFirst("code_verifier"));
            case "refresh_token" -> service.refresh(client, form.getFirst("refresh_token"), form.getFirst("scope"));
            default -> throw OAuthException.unsupportedGrantType(grantType);
        };
        return result.map(response -> noStore(response.toJson()));
    }

    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        ClientCredentials client = ClientCredentials.from(authorization, form.getFirst("client_id"),
                form.getFirst("client_secret"));
        return service.revoke(client, form.getFirst("token")).map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> introspect(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        ClientCredentials client = ClientCredentials.from(authorization, form.getFirst("client_id"),
                form.getFirst("client_secret"));
        return service.introspect(client, form.getFirst("token")).map(TokenResource::noStore);
    }

    static Response noStore(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }
}
