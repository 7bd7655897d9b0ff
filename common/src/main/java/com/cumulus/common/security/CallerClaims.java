package com.cumulus.common.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads identity's access-token claims (docs/security.md) into a {@link Caller}. */
public final class CallerClaims {

    /** Identity attribute holding the {@link Caller} already read from a cached verified token. */
    public static final String ATTRIBUTE = "cumulus.caller";

    private CallerClaims() {
    }

    public static Caller fromToken(JsonWebToken token) {
        Map<String, Set<String>> organizations = new HashMap<>();
        Object orgs = token.getClaim("orgs");
        if (orgs instanceof JsonObject object) {
            object.forEach((orgId, roles) -> organizations.put(orgId, strings(roles)));
        }
        Set<String> platformRoles = strings(token.getClaim("platform_roles"));
        String type = token.getClaim("principal_type");
        return new Caller(token.getSubject(), type == null ? "user" : type, token.getClaim("email"),
                Map.copyOf(organizations), platformRoles, token.getClaim("sid"));
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new HashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        } else if (value instanceof Iterable<?> iterable) {
            iterable.forEach(item -> out.add(String.valueOf(item).replace("\"", "")));
        }
        return Set.copyOf(out);
    }
}
