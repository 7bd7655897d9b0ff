package com.cumulus.gateway.auth;

import com.cumulus.gateway.routing.PathPattern;

import java.util.List;
import java.util.Set;

/**
 * Operations callable without credentials: OIDC discovery and keys, the login/token/authorization pages, self
 * registration and password reset, registration through an invitation, and the public product catalog. Everything else needs a token or an API key.
 */
public final class PublicPaths {

    private record Rule(PathPattern path, Set<String> methods) {
        boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
        }
    }

    private static final List<Rule> RULES = List.of(
            rule("/\\.well-known/openid-configuration"),
            rule("/oauth2/v2/(jwks|authorization|token|login|onboard)"),
            rule("/oidc/callback"),
            rule("/oauth2/redirect"),
            new Rule(PathPattern.of("/consumer/identity-providers"), Set.of("GET")),
            new Rule(PathPattern.of("/api/v1/session"), Set.of("POST")),
            rule("/api/v1/register(/.*)?"),
            rule("/api/v1/(forgot-password|reset-password)"),
            rule("/(public-products|public-apis)(/.*)?"),
            // seed 002 registration through an invitation: the mailed code is the credential (tenancy checks it)
            new Rule(PathPattern.of("/org-invitations/[^/]+/register"), Set.of("POST")),
            new Rule(PathPattern.of("/orgs/[^/]+/member-invitations/[^/]+/register"), Set.of("POST")));

    private PublicPaths() {
    }

    private static Rule rule(String regex) {
        return new Rule(PathPattern.of(regex), Set.of());
    }

    /** True when the operation is served without authentication ({@code OPTIONS} always is). */
    public static boolean isPublic(String method, String path) {
        if ("OPTIONS".equals(method)) {
            return true;
        }
        for (Rule rule : RULES) {
            if (rule.matches(method, path)) {
                return true;
            }
        }
        return false;
    }
}
