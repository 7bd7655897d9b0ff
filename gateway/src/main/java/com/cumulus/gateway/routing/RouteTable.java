package com.cumulus.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which service owns a request, from ../shared/api-map.md. The first matching row wins, so more specific rows come
 * first; a row with no methods matches every method.
 */
public final class RouteTable {

    record Route(PathPattern path, Set<String> methods, Upstream upstream, Optional<Upstream> result) {
        boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
        }
    }

    private static final String SEG = "[^/]+";
    private static final String ROLE_USERS = "(admins|billings|developers)";

    private static final List<Route> ROUTES = List.of(
            // seed 000 console: catalog owns templates, app details and per-project API enablement
            route("/console/projects/templates(/.*)?", Upstream.CATALOG),
            route("/console/projects/" + SEG + "/(apps|gateway)(/.*)?", Upstream.CATALOG),
            route("/console(/.*)?", Upstream.TENANCY),

            // seed 001: OIDC provider, federation and service accounts live in identity
            route("/\\.well-known/.*", Upstream.IDENTITY),
            route("/oauth2/.*", Upstream.IDENTITY),
            route("/oidc/callback", Upstream.IDENTITY),
            route("/api/v1/oauth2providers(/.*)?", Upstream.IDENTITY),
            route("/api/v1/organizations/" + SEG + "/(oauth2providers|serviceaccounts)(/.*)?", Upstream.IDENTITY),
            route("/api/v1/acl", Upstream.TENANCY),
            route("/api/v1/organizations(/.*)?", Upstream.TENANCY),

            // seed 002: registries and identity providers in identity, products/apps in catalog, the rest tenancy
            route("/user-registries/.*", Upstream.IDENTITY),
            route("/consumer/identity-providers", Upstream.IDENTITY),
            route("/(public-products|public-apis|products|apis)(/.*)?", Upstream.CATALOG),
            route("/(apps|application-types)/.*", Upstream.CATALOG),
            route("/consumer/permissions(/.*)?", Upstream.TENANCY),
            route("/(orgs|org-invitations)/.*", Upstream.TENANCY),

            // seed 003: sessions and accounts in identity; role-user lists and projects in tenancy; catalog items
            route("/api/v1/(session|session/logout|forgot-password|reset-password|me)", Upstream.IDENTITY),
            route("/api/v1/register(/.*)?", Upstream.IDENTITY),
            route("/api/v1/" + ROLE_USERS, Set.of("GET"), Upstream.TENANCY),
            route("/api/v1/" + ROLE_USERS + "(/" + SEG + ")?", Upstream.IDENTITY),
            route("/api/v1/(services|consumers)", Upstream.CATALOG),
            route("/api/v1/consumer-tokens(/.*)?", Upstream.CATALOG),
            route("/api/v1/projects/" + SEG + "/(services|consumers)(/.*)?", Upstream.CATALOG),
            route("/api/v1/(account|projects)(/.*)?", Upstream.TENANCY),

            // seed 004: keys in identity, services in provisioning, the organization itself in tenancy
            route("/v1/organizations/" + SEG + "/keys(/.*)?", Upstream.IDENTITY),
            route("/v1/organizations/" + SEG + "/(services|privateEndpointConfig|prometheus)(/.*)?",
                    Upstream.PROVISIONING),
            route("/v1/organizations(/.*)?", Upstream.TENANCY));

    private RouteTable() {
    }

    private static Route route(String regex, Upstream upstream) {
        return new Route(PathPattern.of(regex), Set.of(), upstream, Optional.of(upstream));
    }

    private static Route route(String regex, Set<String> methods, Upstream upstream) {
        return new Route(PathPattern.of(regex), methods, upstream, Optional.of(upstream));
    }

    /** The owning service, or empty when no seed API has this path. */
    public static Optional<Upstream> resolve(String method, String path) {
        for (Route route : ROUTES) {
            if (route.matches(method, path)) {
                return route.result();
            }
        }
        return Optional.empty();
    }
}
