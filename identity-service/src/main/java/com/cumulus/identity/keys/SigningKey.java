package com.cumulus.identity.keys;

import java.time.Instant;

/**
 * A token-signing key pair (table {@code signing_key}); the private key is AES-GCM encrypted
 * ({@code iv || ciphertext}). Read and written by {@link SigningKeyRepository}.
 */
public class SigningKey {
    public String kid;
    public String algorithm;
    public String publicJwk;
    public byte[] privateKey;
    public Instant createdAt;
    /** Set when a newer key took over signing; the key still verifies until {@link #dropAfter}. */
    public Instant retiredAt;
    public Instant dropAfter;
}
