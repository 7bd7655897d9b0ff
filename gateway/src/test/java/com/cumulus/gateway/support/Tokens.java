package com.cumulus.gateway.support;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mints access tokens like identity's (docs/security.md), and the forged ones the edge must refuse. */
public final class Tokens {

    public final String subject = UUID.randomUUID().toString();
    public final String sessionId = UUID.randomUUID().toString();
    public final String tokenId = UUID.randomUUID().toString();
    private String issuer = config("cumulus.test.issuer.url");
    private String audience = "cumulus";
    private String clientId;
    private long expiresInSeconds = 900;
    private long notBeforeOffsetSeconds = -5;

    public static Tokens user() {
        return new Tokens();
    }

    public Tokens issuer(String value) {
        issuer = value;
        return this;
    }

    public Tokens audience(String value) {
        audience = value;
        return this;
    }

    public Tokens clientId(String value) {
        clientId = value;
        return this;
    }

    public Tokens expired() {
        expiresInSeconds = -600;
        return this;
    }

    public Tokens notYetValid() {
        notBeforeOffsetSeconds = 600;
        return this;
    }

    /** Signed with identity's key (ES256, its kid). */
    public String sign() {
        return sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, issuerKey(),
                config("cumulus.test.issuer.kid"));
    }

    public String bearer() {
        return "Bearer " + sign();
    }

    /** Signed by a key pair identity never published, under identity's own key id. */
    public String foreignKeySameKid() {
        return sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, freshKey().getPrivateKey(),
                config("cumulus.test.issuer.kid"));
    }

    /** Signed by a key pair identity never published, under an unknown key id. */
    public String foreignKeyUnknownKid() {
        return sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, freshKey().getPrivateKey(),
                "attacker-" + UUID.randomUUID());
    }

    /** {@code alg: none}, no signature. */
    public String unsigned() {
        return sign(AlgorithmIdentifiers.NONE, null, config("cumulus.test.issuer.kid"));
    }

    /** HS256 with identity's public JWK (as published) used as the HMAC secret. */
    public String hmacWithPublicKey(String publicJwkJson) {
        return sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(publicJwkJson.getBytes(StandardCharsets.UTF_8)),
                config("cumulus.test.issuer.kid"));
    }

    /** The payload changed after signing (the subject swapped). */
    public String tampered() {
        String[] parts = sign().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(subject, UUID.randomUUID().toString());
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Signed with the given key under the given kid (key rotation). */
    public String signWith(EllipticCurveJsonWebKey key) {
        return sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, key.getPrivateKey(), key.getKeyId());
    }

    public static EllipticCurveJsonWebKey freshKey() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("rotated-" + UUID.randomUUID());
            key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicJson(EllipticCurveJsonWebKey key) {
        return key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private String sign(String algorithm, Key key, String kid) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(subject);
            claims.setClaim("principal_type", "user");
            claims.setClaim("email", subject + "@example.test");
            claims.setClaim("orgs", Map.of("org-1", List.of("admin")));
            claims.setClaim("platform_roles", List.of());
            claims.setClaim("sid", sessionId);
            claims.setJwtId(tokenId);
            if (clientId != null) {
                claims.setClaim("client_id", clientId);
            }
            long now = System.currentTimeMillis() / 1000;
            claims.setIssuedAt(NumericDate.fromSeconds(now));
            claims.setNotBefore(NumericDate.fromSeconds(now + notBeforeOffsetSeconds));
            claims.setExpirationTime(NumericDate.fromSeconds(now + expiresInSeconds));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setKeyIdHeaderValue(kid);
            if (key == null) {
                jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            } else {
                jws.setKey(key);
                jws.setDoKeyValidation(false);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey issuerKey() {
        try {
            byte[] der = Base64.getDecoder().decode(config("cumulus.test.issuer.private-key"));
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
