package com.cumulus.identity.security;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A verified identity access token, exposed as MicroProfile {@link JsonWebToken} so the shared Caller can read it. */
public final class TokenPrincipal implements JsonWebToken {

    private final String raw;
    private final JwtClaims claims;

    public TokenPrincipal(String raw, JwtClaims claims) {
        this.raw = raw;
        this.claims = claims;
    }

    public JwtClaims claims() {
        return claims;
    }

    @Override
    public String getName() {
        return getSubject();
    }

    @Override
    public String getRawToken() {
        return raw;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.getClaimsMap().keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if ("raw_token".equals(name)) {
            return (T) raw;
        }
        Object value = claims.getClaimValue(name);
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return (T) toJson(value);
        }
        if ("exp".equals(name) || "iat".equals(name)) {
            return value instanceof Number n ? (T) Long.valueOf(n.longValue()) : null;
        }
        if ("aud".equals(name) && value instanceof String s) {
            return (T) Set.of(s);
        }
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    private static JsonValue toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            var builder = Json.createObjectBuilder();
            ((Map<String, Object>) map).forEach((k, v) -> builder.add(k, toJson(v)));
            return builder.build();
        }
        if (value instanceof Collection<?> list) {
            var builder = Json.createArrayBuilder();
            list.forEach(item -> builder.add(toJson(item)));
            return builder.build();
        }
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Number n) {
            return Json.createValue(n.longValue());
        }
        return Json.createValue(value.toString());
    }

    public String stringClaim(String name) {
        Object value = claims.getClaimValue(name);
        return value == null ? null : value.toString();
    }

    public List<String> audienceList() {
        Object aud = claims.getClaimValue("aud");
        return aud instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(String.valueOf(aud));
    }
}
