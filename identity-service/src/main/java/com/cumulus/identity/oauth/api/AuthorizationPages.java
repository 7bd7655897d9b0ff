package com.cumulus.identity.oauth.api;

import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.federation.domain.IdentityProvider;
import com.cumulus.identity.federation.service.FederationService;
import com.cumulus.identity.federation.service.ProviderService;
import com.cumulus.identity.oauth.service.AuthorizationService.Decision;
import com.cumulus.identity.oauth.service.AuthorizationService.ErrorPage;
import com.cumulus.identity.oauth.service.AuthorizationService.RedirectTo;
import com.cumulus.identity.oauth.service.AuthorizationService.ShowLogin;
import com.cumulus.identity.oauth.service.AuthorizationService.ShowOnboard;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the front channel's decisions: redirects (with the SSO cookie), the login page (password form, plus the
 * federated form: email-domain routing and one button per system provider), the onboarding form and error pages.
 */
@ApplicationScoped
public class AuthorizationPages {

    @Inject
    Template login;
    @Inject
    Template error;
    @Inject
    Template onboard;
    @Inject
    IdentityConfig config;
    @Inject
    FederationService federation;
    @Inject
    ProviderService providers;

    /** A provider button on the login page. */
    @TemplateData
    public record ProviderChoice(String id, String title) {
    }

    public Uni<Response> respond(Decision decision) {
        if (decision instanceof ShowLogin show) {
            return providers.list(null).map(list -> loginPage(show, list));
        }
        return Uni.createFrom().item(render(decision));
    }

    Response render(Decision decision) {
        if (decision instanceof RedirectTo redirect) {
            Response.ResponseBuilder builder = Response.status(302).header("Location", redirect.location())
                    .header("Cache-Control", "no-store");
            if (redirect.cookie() != null) {
                builder.cookie(new NewCookie.Builder(AuthorizationResource.SSO_COOKIE).value(redirect.cookie())
                        .path("/oauth2/v2").httpOnly(true).secure(config.issuer().startsWith("https"))
                        .sameSite(NewCookie.SameSite.LAX)
                        .maxAge((int) config.tokens().sessionTtl().toSeconds()).build());
            }
            return builder.build();
        }
        if (decision instanceof ShowOnboard show) {
            String html = onboard.data("state", show.state()).data("email", show.email()).render();
            return html(200, html);
        }
        ErrorPage page = (ErrorPage) decision;
        String html = error.data("error", page.error()).data("description", page.description()).render();
        int status = "temporarily_unavailable".equals(page.error()) ? 503 : 400;
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private Response loginPage(ShowLogin show, List<IdentityProvider> system) {
        Map<String, String> hidden = new LinkedHashMap<>(show.params());
        hidden.remove("login_hint");
        hidden.values().removeIf(v -> v == null);
        List<ProviderChoice> choices = system.stream()
                .map(p -> new ProviderChoice(p.id.toString(), p.description != null ? p.description : p.name))
                .toList();
        String html = login.data("clientName", show.client().name)
                .data("action", "/oauth2/v2/authorization")
                .data("params", hidden.entrySet())
                .data("email", show.params().get("login_hint"))
                .data("error", show.error())
                .data("loginState", federation.seal(show.params()))
                .data("providers", choices)
                .render();
        return html(show.error() == null ? 200 : 401, html);
    }

    private static Response html(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html)
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY").build();
    }
}
