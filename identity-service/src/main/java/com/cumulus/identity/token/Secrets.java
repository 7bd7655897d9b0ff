package com.cumulus.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** High-entropy machine secrets: generated here, stored and published only as lowercase hex SHA-256. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A URL-safe random secret of {@code bytes} bytes of entropy. */
    public static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(TokenService.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    public static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(TokenService.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
