package com.cumulus.provisioning.service.domain;

import com.cumulus.common.errors.ApiException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Service passwords: generated with 144 bits of entropy, returned once, stored as base64 SHA-256 (the same form as
 * seed 004's {@code newPasswordHash}), so a supplied hash and a generated password are stored alike.
 */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789~_.";
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");

    private Passwords() {
    }

    public static String generate() {
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** base64(SHA-256(password)): {@code echo -n pw | sha256sum | tr -d '-' | xxd -r -p | base64}. */
    public static String hash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a supplied {@code newPasswordHash}: base64 of 32 bytes. Returns it normalized. */
    public static String checkSha256Base64(String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("newPasswordHash", "must be the base64 encoding of a SHA-256 digest");
        }
        if (raw.length != 32) {
            throw ApiException.invalid("newPasswordHash", "must be the base64 encoding of a SHA-256 digest");
        }
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Checks a supplied {@code newDoubleSha1Hash}: 40 hex digits. Returns it lower-cased. */
    public static String checkDoubleSha1(String value) {
        if (!SHA1_HEX.matcher(value.trim()).matches()) {
            throw ApiException.invalid("newDoubleSha1Hash", "must be 40 hexadecimal digits (SHA-1 of SHA-1)");
        }
        return HexFormat.of().formatHex(HexFormat.of().parseHex(value.trim()));
    }
}
