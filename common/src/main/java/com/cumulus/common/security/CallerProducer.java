package com.cumulus.common.security;

import com.cumulus.common.events.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Turns the verified access token into a {@link Caller}. Anonymous requests get an empty caller. */
public class CallerProducer {

    @Produces
    @RequestScoped
    Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Caller(null, "anonymous", null, Map.of(), Set.of(), null);
        }
        Caller caller = fromToken(token);
        MDC.put(RequestIds.MDC_ACTOR_TYPE, caller.principalType());
        return caller;
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
