package com.cumulus.catalog.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** High-entropy machine secrets: generated here, returned once, stored as lowercase hex SHA-256. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Secrets() {
    }

    public static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HEX.formatHex(buffer);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String value) {
        return HEX.formatHex(sha256(value));
    }

    /** Constant-time: hashes both sides to a fixed length, then compares with {@link MessageDigest#isEqual}. */
    public static boolean matches(String candidate, String storedHexHash) {
        byte[] expected = HEX.parseHex(storedHexHash);
        byte[] actual = sha256(candidate == null ? "" : candidate);
        return MessageDigest.isEqual(expected, actual);
    }
}
