package com.cumulus.identity.oauth.api;

import com.cumulus.identity.oauth.service.OAuthException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link OAuthException} as an RFC 6749 / RFC 6750 error response. */
public class OAuthExceptionMapper {

    @ServerExceptionMapper
    public Response map(OAuthException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (e.basicChallenge()) {
            builder.header("WWW-Authenticate", "Basic realm=\"cumulus\"");
        } else if ("invalid_token".equals(e.error())) {
            builder.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return builder.build();
    }
}
