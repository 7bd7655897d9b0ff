package com.cumulus.common.security.tokencache;

import com.cumulus.common.security.CallerClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose ES256 signature, issuer, audience and lifetime quarkus-oidc has already verified, keyed by the
 * whole compact token ({@code header.payload.signature}), so that a client presenting the same token again is not
 * charged a second signature verification (the P-256 arithmetic was ~70% of the CPU time of an authenticated read).
 * <p>
 * Safety: a hit needs the byte-identical token, so a tampered or re-signed token never matches and goes through full
 * verification. An entry lives until the token's {@code exp} or for {@code cumulus.security.verified-token-cache.ttl}
 * (default 1 minute), whichever is sooner, and the expiry is checked again on every hit. The one thing the cache
 * defers is the removal of a signing key from identity's JWKS: tokens already seen stay accepted for at most the TTL.
 * At most {@code cumulus.security.verified-token-cache.max-size} tokens are held (when it is full, expired ones are swept, and if none
 * had expired the cache starts over empty). A TTL of 0 disables the cache.
 */
@ApplicationScoped
public class VerifiedTokens {
    /** What is reused of a verified identity; the per-request parts (routing context, credential) are not kept. */
    public record Verified(Principal principal, Set<String> roles, Map<String, Object> attributes, long expiresAtMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxSize;

    public VerifiedTokens(VerifiedTokenCacheConfig config) {
        this.ttlMillis = config.ttl().toMillis();
        this.maxSize = config.maxSize();
    }

    /** The verified identity of this exact token, if it was seen before and has not expired. */
    public Verified find(String token) {
        if (ttlMillis <= 0 || token == null) {
            return null;
        }
        Verified entry = verified.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= System.currentTimeMillis()) {
            verified.remove(token, entry);
            return null;
        }
        return entry;
    }

    /** Remembers an identity quarkus-oidc has just verified (principal: the token's claims). */
    public void remember(SecurityIdentity identity) {
        if (ttlMillis <= 0 || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null
                || verified.containsKey(jwt.getRawToken())) {
            return;
        }
        long now = System.currentTimeMillis();
        long expiresAt = Math.min(jwt.getExpirationTime() * 1000, now + ttlMillis);
        if (expiresAt <= now) {
            return;
        }
        if (verified.size() >= maxSize) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= maxSize) {
                // all live: start over rather than sweep again on every new token (each is verified once more)
                verified.clear();
            }
        }
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        // read the claims once per token: smallrye-jwt's getClaim costs an exception per custom claim name
        attributes.put(CallerClaims.ATTRIBUTE, CallerClaims.fromToken(jwt));
        verified.put(jwt.getRawToken(), new Verified(jwt, Set.copyOf(identity.getRoles()), Map.copyOf(attributes),
                expiresAt));
    }

    public int size() {
        return verified.size();
    }
}
