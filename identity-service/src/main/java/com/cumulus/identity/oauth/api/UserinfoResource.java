package com.cumulus.identity.oauth.api;

import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.oauth.service.OAuthException;
import com.cumulus.identity.security.BearerTokenMechanism;
import com.cumulus.identity.session.SessionRepository;
import com.cumulus.identity.session.UserSession;
import com.cumulus.identity.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /oauth2/v2/userinfo} GET and POST (token in the header or as {@code access_token} form field). */
@Path("/oauth2/v2/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserinfoResource {

    @Inject
    TokenService tokens;
    @Inject
    SessionRepository sessions;
    @Inject
    UserRepository users;

    @GET
    public Uni<Response> get(@HeaderParam("Authorization") String authorization) {
        return userinfo(BearerTokenMechanism.extract(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> post(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        String token = BearerTokenMechanism.extract(authorization);
        return userinfo(token != null ? token : form.getFirst("access_token"));
    }

    private Uni<Response> userinfo(String token) {
        JwtClaims claims = tokens.verify(token).orElseThrow(OAuthException::invalidToken);
        Object sid = claims.getClaimValue("sid");
        Object sub = claims.getClaimValue("sub");
        Object type = claims.getClaimValue("principal_type");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", sub);
        if (!"user".equals(type)) {
            return Uni.createFrom().item(Response.ok(out).build());
        }
        return Uni.createFrom().deferred(() -> {
            Uni<UserSession> session = sid == null ? Uni.createFrom().nullItem()
                    : sessions.findById(UUID.fromString(sid.toString()));
            return session.chain(s -> {
                if (sid != null && (s == null || !s.live())) {
                    throw OAuthException.invalidToken();
                }
                return users.findById(UUID.fromString(sub.toString()));
            });
        }).map(user -> {
            if (user == null) {
                throw OAuthException.invalidToken();
            }
            out.put("email", user.email);
            out.put("email_verified", true);
            out.put("preferred_username", user.email);
            if (user.firstName != null) {
                out.put("given_name", user.firstName);
            }
            if (user.lastName != null) {
                out.put("family_name", user.lastName);
            }
            String name = ((user.firstName == null ? "" : user.firstName) + " "
                    + (user.lastName == null ? "" : user.lastName)).trim();
            if (!name.isEmpty()) {
                out.put("name", name);
            }
            out.put("updated_at", user.updatedAt.getEpochSecond());
            return Response.ok(out).build();
        });
    }
}
