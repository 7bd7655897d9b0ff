package com.cumulus.identity.oauth.api;

import com.cumulus.identity.account.api.AccountResource;
import com.cumulus.identity.account.repository.LoginStore;
import com.cumulus.identity.account.service.LoginThrottle;
import com.cumulus.identity.account.domain.User;
import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.oauth.service.AuthorizationService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /oauth2/v2/authorization}: the code flow's front channel, with a Qute login page. */
@Path("/oauth2/v2/authorization")
public class AuthorizationResource {

    static final String SSO_COOKIE = "cumulus_sso";

    @Inject
    AuthorizationService authorization;
    @Inject
    LoginThrottle throttle;
    @Inject
    LoginStore logins;
    @Inject
    AuthorizationPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> get(@Context UriInfo uri, @CookieParam(SSO_COOKIE) String sso) {
        return authorization.request(params(uri.getQueryParameters()), sso).chain(pages::respond);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> post(MultivaluedMap<String, String> form, @CookieParam(SSO_COOKIE) String sso,
                              @Context HttpServerRequest request) {
        Map<String, String> p = params(form);
        String email = form.getFirst("email");
        String password = form.getFirst("password");
        if (email == null || password == null) {
            return authorization.request(p, sso).chain(pages::respond);
        }
        if (email.length() > 70 || password.length() > 128) {
            return authorization.loginFailed(p, "Invalid email or password.").chain(pages::respond);
        }
        String normalized = User.normalize(email);
        return throttle.verify(normalized, password, AccountResource.source(request)).chain(user -> user == null
                        ? authorization.loginFailed(p, "Invalid email or password.")
                        : logins.reset(LoginThrottle.accountKey(normalized))
                                .chain(() -> authorization.signedIn(p, user.id())))
                .onFailure(ApiException.class).recoverWithUni(e -> authorization.loginFailed(p,
                        ((ApiException) e).status() == 429 ? "Too many failed sign-ins. Try again later."
                                : "Sign-in failed."))
                .chain(pages::respond);
    }

    static Map<String, String> params(MultivaluedMap<String, String> source) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : AuthorizationService.PARAMS) {
            List<String> values = source.get(name);
            if (values != null && !values.isEmpty() && values.get(0) != null) {
                p.put(name, values.get(0));
            }
        }
        return p;
    }
}
