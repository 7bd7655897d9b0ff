package com.cumulus.common.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints real ES256 access tokens, signed by {@link TestIssuerResource}'s key, with the claims identity issues
 * (docs/security.md). Also mints the bad ones: expired, wrong issuer, wrong audience, tampered, foreign key.
 */
public final class TestTokens {

    private final String subject;
    private final Map<String, List<String>> orgs = new LinkedHashMap<>();
    private final List<String> platformRoles = new ArrayList<>();
    private String email;
    private String principalType = "user";
    private String issuer;
    private String audience = TestIssuerResource.AUDIENCE;
    private Instant expiresAt = Instant.now().plusSeconds(900);

    private TestTokens(String subject) {
        this.subject = subject;
        this.email = subject + "@example.test";
    }

    public static TestTokens user(String subject) {
        return new TestTokens(subject);
    }

    public static TestTokens newUser() {
        return new TestTokens(UUID.randomUUID().toString());
    }

    public TestTokens member(String organizationId, String... roles) {
        orgs.put(organizationId, List.of(roles));
        return this;
    }

    public TestTokens platformAdmin() {
        platformRoles.add("platform-admin");
        return this;
    }

    public TestTokens email(String value) {
        this.email = value;
        return this;
    }

    public TestTokens principalType(String value) {
        this.principalType = value;
        return this;
    }

    public TestTokens issuer(String value) {
        this.issuer = value;
        return this;
    }

    public TestTokens audience(String value) {
        this.audience = value;
        return this;
    }

    public TestTokens expired() {
        this.expiresAt = Instant.now().minusSeconds(600);
        return this;
    }

    public String subject() {
        return subject;
    }

    /** A signed compact JWT. */
    public String sign() {
        return claims().jws().keyId(TestIssuerResource.KEY_ID).algorithm(SignatureAlgorithm.ES256).sign(privateKey());
    }

    /** {@code Bearer <jwt>}, for REST Assured's {@code header("Authorization", ...)}. */
    public String bearer() {
        return "Bearer " + sign();
    }

    /** A token whose payload was altered after signing. */
    public String tampered() {
        String[] parts = sign().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"sub\":\"" + subject + "\"", "\"sub\":\"someone-else\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2];
    }

    private JwtClaimsBuilder claims() {
        Instant issuedAt = expiresAt.minusSeconds(900);
        JwtClaimsBuilder builder = Jwt.issuer(issuer != null ? issuer : config("cumulus.test.issuer.url"))
                .subject(subject)
                .audience(audience)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("principal_type", principalType)
                .claim("orgs", orgs)
                .claim("platform_roles", platformRoles)
                .claim("sid", UUID.randomUUID().toString());
        if (email != null) {
            builder.claim("email", email);
        }
        return builder;
    }

    private static PrivateKey privateKey() {
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
