package com.cumulus.gateway.apikey;

import com.cumulus.gateway.auth.EdgeFailure;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seed 004's API keys as identity announces them (apikey.created/updated/deleted on identity.events): the SHA-256 of
 * the secret, the state and the expiry. The clear secret is never known to the gateway.
 */
@Singleton
public class ApiKeys {

    /** One key as last announced. */
    public record ApiKey(String keyId, String organizationId, byte[] secretHash, boolean enabled, Instant expireAt) {
    }

    private final ConcurrentHashMap<String, ApiKey> keys = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> changeListener = keyId -> { };

    public void put(String keyId, String organizationId, String secretHashHex, String state, Instant expireAt) {
        byte[] hash = secretHashHex == null ? new byte[0] : HexFormat.of().parseHex(secretHashHex.toLowerCase());
        keys.put(keyId, new ApiKey(keyId, organizationId, hash, "enabled".equalsIgnoreCase(state), expireAt));
        changeListener.accept(keyId);
    }

    public void remove(String keyId) {
        keys.remove(keyId);
        changeListener.accept(keyId);
    }

    void onChange(java.util.function.Consumer<String> listener) {
        this.changeListener = listener;
    }

    /** The key if the secret matches (constant-time) and the key is enabled and unexpired; else a 401. */
    public ApiKey check(String keyId, String secret) {
        ApiKey key = keys.get(keyId);
        byte[] presented = sha256(secret);
        if (key == null) {
            MessageDigest.isEqual(presented, presented);
            throw EdgeFailure.unauthorized("invalid API key");
        }
        if (!MessageDigest.isEqual(presented, key.secretHash())) {
            throw EdgeFailure.unauthorized("invalid API key");
        }
        if (!key.enabled()) {
            throw EdgeFailure.unauthorized("API key is disabled");
        }
        if (key.expireAt() != null && !Instant.now().isBefore(key.expireAt())) {
            throw EdgeFailure.unauthorized("API key has expired");
        }
        return key;
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
