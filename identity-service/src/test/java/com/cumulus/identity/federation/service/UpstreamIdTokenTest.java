package com.cumulus.identity.federation.service;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upstream ID token checks, without Quarkus: signature (JWKS), iss, aud, exp, nonce. */
class UpstreamIdTokenTest {

    static final String ISSUER = "https://idp.example.test";
    static final UpstreamClient.Metadata METADATA = new UpstreamClient.Metadata(ISSUER, ISSUER + "/authorize",
            ISSUER + "/token", ISSUER + "/userinfo", ISSUER + "/jwks");
    static RsaJsonWebKey key;
    static RsaJsonWebKey stranger;
    static JsonWebKeySet published;

    @BeforeAll
    static void keys() throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k1");
        stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("k1");
        published = new JsonWebKeySet(key);
    }

    static String token(RsaJsonWebKey signer, String iss, String aud, String nonce, long expiresInSeconds)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(iss);
        claims.setAudience(aud);
        claims.setSubject("upstream-user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(expiresInSeconds / 60f);
        claims.setClaim("nonce", nonce);
        claims.setClaim("email", "u@example.test");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aGoodTokenVerifies() throws Exception {
        JwtClaims claims = UpstreamClient.validate(published, METADATA, token(key, ISSUER, "cumulus", "n1", 600),
                "cumulus", "n1");
        assertThat(claims.getSubject()).isEqualTo("upstream-user");
    }

    @Test
    void wrongSignatureIssuerAudienceNonceOrExpiryIsRefused() throws Exception {
        assertThatThrownBy(() -> UpstreamClient.validate(published, METADATA,
                token(stranger, ISSUER, "cumulus", "n1", 600), "cumulus", "n1"))
                .isInstanceOf(UpstreamClient.UpstreamException.class);
        assertThatThrownBy(() -> UpstreamClient.validate(published, METADATA,
                token(key, "https://evil.example.test", "cumulus", "n1", 600), "cumulus", "n1"))
                .isInstanceOf(UpstreamClient.UpstreamException.class);
        assertThatThrownBy(() -> UpstreamClient.validate(published, METADATA,
                token(key, ISSUER, "someone-else", "n1", 600), "cumulus", "n1"))
                .isInstanceOf(UpstreamClient.UpstreamException.class);
        assertThatThrownBy(() -> UpstreamClient.validate(published, METADATA,
                token(key, ISSUER, "cumulus", "replayed", 600), "cumulus", "n1"))
                .isInstanceOf(UpstreamClient.UpstreamException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> UpstreamClient.validate(published, METADATA,
                token(key, ISSUER, "cumulus", "n1", -600), "cumulus", "n1"))
                .isInstanceOf(UpstreamClient.UpstreamException.class);
    }
}
