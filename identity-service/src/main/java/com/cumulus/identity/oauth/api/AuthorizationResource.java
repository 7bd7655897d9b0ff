package com.cumulus.identity.oauth.api;

import com.cumulus.identity.account.api.AccountResource;
import com.cumulus.identity.account.service.LoginThrottle;
import com.cumulus.identity.account.service.PasswordHasher;
import com.cumulus.identity.account.domain.User;
import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.oauth.service.AuthorizationService;
import com.cumulus.identity.oauth.service.AuthorizationService.Decision;
import com.cumulus.identity.oauth.service.AuthorizationService.ErrorPage;
import com.cumulus.identity.oauth.service.AuthorizationService.RedirectTo;
import com.cumulus.identity.oauth.service.AuthorizationService.ShowLogin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.Template;
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
import jakarta.ws.rs.core.NewCookie;
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
    PasswordHasher hasher;
    @Inject
    LoginThrottle throttle;
    @Inject
    IdentityConfig config;
    @Inject
    Template login;
    @Inject
    Template error;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> get(@Context UriInfo uri, @CookieParam(SSO_COOKIE) String sso) {
        return authorization.request(params(uri.getQueryParameters()), sso).map(this::render);
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
            return authorization.request(p, sso).map(this::render);
        }
        if (email.length() > 70 || password.length() > 128) {
            return authorization.loginFailed(p, "Invalid email or password.").map(this::render);
        }
        String normalized = User.normalize(email);
        String accountKey = LoginThrottle.accountKey(normalized);
        String sourceKey = LoginThrottle.sourceKey(AccountResource.source(request));
        return Panache.withTransaction(() -> throttle.check(accountKey, sourceKey).chain(() -> User.byEmail(normalized)))
                .chain(user -> hasher.verifyAsync(password, user == null ? null : user.passwordHash).chain(ok -> {
                    if (!ok) {
                        return Panache.withTransaction(() -> throttle.failed(accountKey, sourceKey))
                                .chain(() -> authorization.loginFailed(p, "Invalid email or password."));
                    }
                    return Panache.withTransaction(() -> throttle.succeeded(accountKey))
                            .chain(() -> authorization.signedIn(p, user));
                }))
                .onFailure(ApiException.class).recoverWithUni(e -> authorization.loginFailed(p,
                        ((ApiException) e).status() == 429 ? "Too many failed sign-ins. Try again later."
                                : "Sign-in failed."))
                .map(this::render);
    }

    private Response render(Decision decision) {
        if (decision instanceof RedirectTo redirect) {
            Response.ResponseBuilder builder = Response.status(302).header("Location", redirect.location())
                    .header("Cache-Control", "no-store");
            if (redirect.cookie() != null) {
                builder.cookie(new NewCookie.Builder(SSO_COOKIE).value(redirect.cookie()).path("/oauth2/v2")
                        .httpOnly(true).secure(config.issuer().startsWith("https"))
                        .sameSite(NewCookie.SameSite.LAX)
                        .maxAge((int) config.tokens().sessionTtl().toSeconds()).build());
            }
            return builder.build();
        }
        if (decision instanceof ShowLogin show) {
            Map<String, String> hidden = new LinkedHashMap<>(show.params());
            hidden.remove("login_hint");
            hidden.values().removeIf(v -> v == null);
            String html = login.data("clientName", show.client().name)
                    .data("action", "/oauth2/v2/authorization")
                    .data("params", hidden.entrySet())
                    .data("email", show.params().get("login_hint"))
                    .data("error", show.error())
                    .render();
            return Response.status(show.error() == null ? 200 : 401).type(MediaType.TEXT_HTML_TYPE).entity(html)
                    .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY").build();
        }
        ErrorPage page = (ErrorPage) decision;
        String html = error.data("error", page.error()).data("description", page.description()).render();
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
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
