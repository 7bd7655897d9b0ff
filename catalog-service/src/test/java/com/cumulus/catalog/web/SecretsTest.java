package com.cumulus.catalog.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void matchesOnlyTheSecretWhoseSha256IsStored() {
        String secret = Secrets.randomHex(32);
        String stored = Secrets.sha256Hex(secret);
        assertThat(secret).hasSize(64);
        assertThat(stored).hasSize(64).isLowerCase();
        assertThat(Secrets.matches(secret, stored)).isTrue();
        assertThat(Secrets.matches(secret.substring(1), stored)).isFalse();
        assertThat(Secrets.matches(secret + "0", stored)).isFalse();
        assertThat(Secrets.matches("", stored)).isFalse();
        assertThat(Secrets.matches(null, stored)).isFalse();
        // the stored hash itself is not accepted as the secret
        assertThat(Secrets.matches(stored, stored)).isFalse();
    }
}
