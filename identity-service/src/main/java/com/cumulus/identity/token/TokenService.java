package com.cumulus.identity.token;

import com.cumulus.identity.config.IdentityConfig;
import com.cumulus.identity.keys.KeyService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Signs access and ID tokens with the active key and verifies this service's own access tokens. */
@ApplicationScoped
public class TokenService {

    private final IdentityConfig config;
    private final KeyService keys;
    private final JwtConsumer accessTokenConsumer;
    private volatile CachedSigner es256;

    public TokenService(IdentityConfig config, KeyService keys) {
        this.config = config;
        this.keys = keys;
        this.accessTokenConsumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(config.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver((jws, nested) -> {
                    var key = keys.verificationKey(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown key id");
                    }
                    return key;
                })
                .build();
    }

    /** What a new access token says about its subject. */
    public record Subject(String subject, String principalType, String email, Map<String, List<String>> orgs,
                          List<String> platformRoles, String sessionId, String clientId, String scope) {
    }

    public record Issued(String token, String jti, Instant expiresAt, long expiresIn) {
    }

    public Issued accessToken(Subject s) {
        return accessToken(s, config.tokens().accessTokenTtl());
    }

    public Issued accessToken(Subject s, Duration ttl) {
        Instant now = Instant.now();
        Instant exp = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("aud", config.audience());
        claims.put("sub", s.subject());
        claims.put("principal_type", s.principalType());
        if (s.email() != null) {
            claims.put("email", s.email());
        }
        claims.put("orgs", s.orgs() == null ? Map.of() : s.orgs());
        claims.put("platform_roles", s.platformRoles() == null ? List.of() : s.platformRoles());
        if (s.sessionId() != null) {
            claims.put("sid", s.sessionId());
        }
        claims.put("jti", jti);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        if (s.clientId() != null) {
            claims.put("client_id", s.clientId());
        }
        if (s.scope() != null) {
            claims.put("scope", s.scope());
        }
        return new Issued(sign(claims, "JWT"), jti, exp, ttl.toSeconds());
    }

    /** An OpenID Connect ID token for {@code clientId}, signed with the default algorithm (ES256). */
    public String idToken(String userId, String clientId, String email, String givenName, String familyName,
                          String nonce, Instant authTime, String accessToken, String sessionId) {
        return idToken(userId, clientId, email, givenName, familyName, nonce, authTime, accessToken, sessionId,
                KeyService.ALGORITHM);
    }

    /** An OpenID Connect ID token for {@code clientId}, signed with {@code algorithm} (ES256 or RS256). */
    public String idToken(String userId, String clientId, String email, String givenName, String familyName,
                          String nonce, Instant authTime, String accessToken, String sessionId, String algorithm) {
        String alg = KeyService.RS256.equals(algorithm) ? KeyService.RS256 : KeyService.ALGORITHM;
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("aud", clientId);
        claims.put("sub", userId);
        claims.put("azp", clientId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(config.tokens().accessTokenTtl()).getEpochSecond());
        claims.put("auth_time", authTime.getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (accessToken != null) {
            // both ES256 and RS256 hash with SHA-256
            claims.put("at_hash", atHash(accessToken));
        }
        if (sessionId != null) {
            claims.put("sid", sessionId);
        }
        if (email != null) {
            claims.put("email", email);
            claims.put("email_verified", true);
        }
        if (givenName != null) {
            claims.put("given_name", givenName);
        }
        if (familyName != null) {
            claims.put("family_name", familyName);
        }
        return sign(claims, "JWT", alg);
    }

    /** Verifies one of this service's access tokens (signature, issuer, audience, expiry). */
    public Optional<JwtClaims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(accessTokenConsumer.processToClaims(token));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    private String sign(Map<String, Object> claims, String typ) {
        return sign(claims, typ, KeyService.ALGORITHM);
    }

    private String sign(Map<String, Object> claims, String typ, String algorithm) {
        KeyService.ActiveKey key = keys.active(algorithm);
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        if (!KeyService.RS256.equals(algorithm) && "JWT".equals(typ)) {
            return es256(key).sign(jwtClaims.toJson());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwtClaims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(KeyService.RS256.equals(algorithm) ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", typ);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("token cannot be signed", e);
        }
    }

    /** The ES256 signer of the active key, made again only when the key set was reloaded or rotated. */
    private Es256Signer es256(KeyService.ActiveKey key) {
        CachedSigner cached = es256;
        if (cached == null || cached.key() != key) {
            cached = new CachedSigner(key, new Es256Signer(key.privateKey(), key.kid(), "JWT"));
            es256 = cached;
        }
        return cached.signer();
    }

    private record CachedSigner(KeyService.ActiveKey key, Es256Signer signer) {
    }

    /** OIDC at_hash: left half of SHA-256 of the access token, base64url. */
    static String atHash(String accessToken) {
        byte[] digest = sha256(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate numeric(Instant instant) {
        return NumericDate.fromSeconds(instant.getEpochSecond());
    }
}
