package com.cumulus.identity.federation.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls to an upstream OpenID provider, all on the Vert.x/Mutiny web client (the event loop never blocks):
 * discovery (cached), the authorization-code token request, userinfo, and the ID token's validation against the
 * upstream JWKS (cached, fetched again once when a key id is unknown).
 */
@ApplicationScoped
public class UpstreamClient {

    private static final Duration CACHE = Duration.ofMinutes(5);
    private static final long TIMEOUT_MS = 10_000;

    /** What discovery says about an upstream provider. */
    public record Metadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String userinfoEndpoint,
                           String jwksUri) {
    }

    /** The verified upstream identity. */
    public record UpstreamIdentity(String subject, String email, boolean emailVerified, String givenName,
                                   String familyName) {
    }

    /** The upstream provider failed or answered something that does not verify. */
    public static class UpstreamException extends RuntimeException {
        public UpstreamException(String message) {
            super(message);
        }

        public UpstreamException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Cached<T>(T value, Instant until) {
    }

    private final WebClient client;
    private final Map<String, Cached<Metadata>> discovery = new ConcurrentHashMap<>();
    private final Map<String, Cached<JsonWebKeySet>> keySets = new ConcurrentHashMap<>();

    public UpstreamClient(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000)
                .setFollowRedirects(false).setUserAgent("cumulus-identity"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Metadata> discover(String issuer) {
        Cached<Metadata> hit = discovery.get(issuer);
        if (hit != null && hit.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(hit.value());
        }
        return client.getAbs(issuer + "/.well-known/openid-configuration").timeout(TIMEOUT_MS)
                .putHeader("Accept", "application/json").send()
                .onFailure().transform(e -> new UpstreamException("discovery of " + issuer + " failed", e))
                .map(response -> {
                    JsonObject doc = json(response, "discovery");
                    String advertised = trim(doc.getString("issuer"));
                    if (!issuer.equals(advertised)) {
                        throw new UpstreamException("discovery issuer " + advertised + " does not match " + issuer);
                    }
                    Metadata metadata = new Metadata(advertised, required(doc, "authorization_endpoint"),
                            required(doc, "token_endpoint"), doc.getString("userinfo_endpoint"),
                            required(doc, "jwks_uri"));
                    discovery.put(issuer, new Cached<>(metadata, Instant.now().plus(CACHE)));
                    return metadata;
                });
    }

    /** The authorization-code grant with PKCE; client_secret_basic when the provider has a secret. */
    public Uni<JsonObject> token(Metadata metadata, String clientId, String clientSecret, String code,
                                 String redirectUri, String verifier) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        form.add("code_verifier", verifier);
        HttpRequest<Buffer> request = client.postAbs(metadata.tokenEndpoint()).timeout(TIMEOUT_MS)
                .putHeader("Accept", "application/json");
        if (clientSecret != null) {
            request.basicAuthentication(form(clientId), form(clientSecret));
        } else {
            form.add("client_id", clientId);
        }
        return request.sendForm(form)
                .onFailure().transform(e -> new UpstreamException("token request failed", e))
                .map(response -> json(response, "token request"));
    }

    public Uni<JsonObject> userinfo(Metadata metadata, String accessToken) {
        if (metadata.userinfoEndpoint() == null || accessToken == null) {
            return Uni.createFrom().item(new JsonObject());
        }
        return client.getAbs(metadata.userinfoEndpoint()).timeout(TIMEOUT_MS).bearerTokenAuthentication(accessToken)
                .putHeader("Accept", "application/json").send()
                .onFailure().transform(e -> new UpstreamException("userinfo request failed", e))
                .map(response -> json(response, "userinfo"));
    }

    /** Validates the upstream ID token: signature (upstream JWKS), iss, aud, exp/iat, and the nonce we sent. */
    public Uni<JwtClaims> verifyIdToken(Metadata metadata, String idToken, String clientId, String nonce) {
        if (idToken == null || idToken.isBlank()) {
            return Uni.createFrom().failure(new UpstreamException("the provider returned no ID token"));
        }
        return keys(metadata.jwksUri(), false)
                .map(keys -> validate(keys, metadata, idToken, clientId, nonce))
                .onFailure(UnknownKey.class).recoverWithUni(e -> keys(metadata.jwksUri(), true)
                        .map(keys -> validate(keys, metadata, idToken, clientId, nonce)));
    }

    private static final class UnknownKey extends UpstreamException {
        UnknownKey(Throwable cause) {
            super("ID token signed by an unknown key", cause);
        }
    }

    /** Validates an upstream ID token against the given key set (package-visible for unit tests). */
    static JwtClaims validate(JsonWebKeySet keys, Metadata metadata, String idToken, String clientId, String nonce) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(metadata.issuer())
                .setExpectedAudience(clientId)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            if (e.getMessage() != null && e.getMessage().contains("nresolvable")) {
                throw new UnknownKey(e);
            }
            throw new UpstreamException("the ID token does not verify", e);
        }
        Object presented = claims.getClaimValue("nonce");
        if (!(presented instanceof String value) || !MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8))) {
            throw new UpstreamException("the ID token's nonce does not match");
        }
        return claims;
    }

    private Uni<JsonWebKeySet> keys(String jwksUri, boolean refresh) {
        Cached<JsonWebKeySet> hit = keySets.get(jwksUri);
        if (!refresh && hit != null && hit.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(hit.value());
        }
        return client.getAbs(jwksUri).timeout(TIMEOUT_MS).putHeader("Accept", "application/json").send()
                .onFailure().transform(e -> new UpstreamException("JWKS request failed", e))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new UpstreamException("JWKS request answered " + response.statusCode());
                    }
                    try {
                        JsonWebKeySet set = new JsonWebKeySet(response.bodyAsString());
                        keySets.put(jwksUri, new Cached<>(set, Instant.now().plus(CACHE)));
                        return set;
                    } catch (JoseException e) {
                        throw new UpstreamException("JWKS is not a key set", e);
                    }
                });
    }

    private static JsonObject json(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() != 200) {
            throw new UpstreamException(what + " answered " + response.statusCode());
        }
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw new UpstreamException(what + " did not answer JSON", e);
        }
    }

    private static String required(JsonObject doc, String field) {
        String value = doc.getString(field);
        if (value == null || value.isBlank()) {
            throw new UpstreamException("discovery lacks " + field);
        }
        return value;
    }

    static String trim(String issuer) {
        return issuer != null && issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** RFC 6749 2.3.1: client id and secret are form-encoded before Basic authentication. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
