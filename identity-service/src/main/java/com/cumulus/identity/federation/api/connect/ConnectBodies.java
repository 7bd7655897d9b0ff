package com.cumulus.identity.federation.api.connect;

import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.federation.domain.IdentityProvider;
import com.cumulus.identity.federation.service.RegistryService.Registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002 bodies of identity's objects: {@code type}, {@code api_version} "2.0.0", {@code id}, {@code name},
 * {@code title}, {@code summary}, {@code state}, type-specific fields, {@code created_at}/{@code updated_at},
 * {@code url} and {@code metadata}.
 */
final class ConnectBodies {
    static final String API_VERSION = "2.0.0";

    private ConnectBodies() {
    }

    static Map<String, Object> list(List<Map<String, Object>> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_results", results.size());
        out.put("results", results);
        return out;
    }

    private static Map<String, Object> head(String type, String id, String name, String title, String summary,
                                            String state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("api_version", API_VERSION);
        out.put("id", id);
        out.put("name", name);
        out.put("title", title);
        out.put("summary", summary);
        out.put("state", state);
        return out;
    }

    static Map<String, Object> registry(Registry r) {
        IdentityProvider p = r.provider();
        Map<String, Object> out = head("user_registry", r.id().toString(), r.name(),
                r.local() ? "Cumulus accounts" : (p.description != null ? p.description : p.name),
                r.local() ? "Users who sign in with a Cumulus email and password"
                        : "Users who sign in through the OpenID provider " + p.issuer, "enabled");
        out.put("registry_type", r.local() ? "lur" : "oidc");
        out.put("user_managed", r.local());
        out.put("user_registry_managed", r.local());
        out.put("case_sensitive", false);
        out.put("email_required", true);
        out.put("email_unique_if_exist", true);
        out.put("identity_providers", List.of(Map.of("name", r.name(), "title", out.get("title"))));
        if (!r.local()) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("provider_type", p.type);
            configuration.put("issuer", p.issuer);
            configuration.put("client_id", p.clientId);
            configuration.put("organization_id", p.organizationId == null ? null : p.organizationId.toString());
            out.put("configuration", configuration);
            out.put("created_at", p.createdAt.toString());
            out.put("updated_at", p.modifiedAt.toString());
        }
        out.put("url", "/user-registries/" + r.id());
        out.put("metadata", Map.of());
        return out;
    }

    static Map<String, Object> identityProvider(Registry r) {
        Map<String, Object> registry = registry(r);
        Map<String, Object> out = head("identity_provider", r.id().toString(), r.name(), (String) registry.get("title"),
                (String) registry.get("summary"), "enabled");
        out.put("default", r.local());
        out.put("registry_type", registry.get("registry_type"));
        out.put("user_registry_url", registry.get("url"));
        out.put("metadata", Map.of());
        return out;
    }

    static Map<String, Object> user(User u, Registry r) {
        String full = ((u.firstName == null ? "" : u.firstName) + " " + (u.lastName == null ? "" : u.lastName)).trim();
        Map<String, Object> out = head("user", u.id.toString(), u.email, full.isEmpty() ? u.email : full, null,
                "enabled");
        out.put("identity_provider", r.name());
        out.put("username", u.email);
        out.put("email", u.email);
        out.put("first_name", u.firstName);
        out.put("last_name", u.lastName);
        out.put("user_registry_url", "/user-registries/" + r.id());
        out.put("created_at", u.createdAt.toString());
        out.put("updated_at", u.updatedAt.toString());
        out.put("url", "/user-registries/" + r.id() + "/users/" + u.id);
        out.put("metadata", Map.of());
        return out;
    }
}
