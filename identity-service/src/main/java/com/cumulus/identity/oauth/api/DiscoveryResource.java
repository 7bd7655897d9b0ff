package com.cumulus.identity.oauth.api;

import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.keys.KeyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenID discovery and the JWKS (every key that may still verify a live token). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    @Inject
    IdentityConfig config;
    @Inject
    KeyService keys;

    @GET
    @Path(".well-known/openid-configuration")
    public Map<String, Object> discovery() {
        String issuer = config.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/oauth2/v2/authorization");
        doc.put("token_endpoint", issuer + "/oauth2/v2/token");
        doc.put("userinfo_endpoint", issuer + "/oauth2/v2/userinfo");
        doc.put("jwks_uri", issuer + "/oauth2/v2/jwks");
        doc.put("revocation_endpoint", issuer + "/oauth2/v2/revoke");
        doc.put("introspection_endpoint", issuer + "/oauth2/v2/introspect");
        doc.put("response_types_supported", List.of("code"));
        doc.put("response_modes_supported", List.of("query"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("scopes_supported", List.of("openid", "email", "profile", "offline_access"));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                "email", "email_verified", "given_name", "family_name", "name", "sid", "orgs", "platform_roles",
                "principal_type"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("id_token_signing_alg_values_supported", KeyService.ALGORITHMS);
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        doc.put("prompt_values_supported", List.of("none", "login"));
        doc.put("request_parameter_supported", false);
        doc.put("request_uri_parameter_supported", false);
        doc.put("claims_parameter_supported", false);
        return doc;
    }
}
