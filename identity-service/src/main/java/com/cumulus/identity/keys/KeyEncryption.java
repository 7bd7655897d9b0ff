package com.cumulus.identity.keys;

import com.cumulus.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** AES-256-GCM envelope for private keys at rest; the key id is authenticated as associated data. */
@ApplicationScoped
public class KeyEncryption {

    private static final int IV_BYTES = 12;
    private final SecretKey kek;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(IdentityConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.keys().encryptionKey());
        if (raw.length != 32 && raw.length != 16) {
            throw new IllegalStateException("cumulus.identity.keys.encryption-key must be 16 or 32 bytes, base64");
        }
        this.kek = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(String kid, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key cannot be encrypted", e);
        }
    }

    public byte[] decrypt(String kid, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be decrypted (wrong key-encryption key?)", e);
        }
    }
}
