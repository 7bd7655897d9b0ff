package com.cumulus.identity.account.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The own Argon2id (reused block buffer) gives exactly BouncyCastle's tags, also when buffers are reused. */
class Argon2idTest {

    @Test
    void sameTagsAsBouncyCastleForManyParameters() {
        Argon2id argon2 = new Argon2id(1);
        Random random = new Random(42);
        int[][] cases = {{8, 1, 32}, {9, 1, 32}, {16, 2, 32}, {64, 3, 16}, {256, 1, 64}, {300, 2, 65}, {1024, 1, 32},
                {1031, 2, 128}, {4096, 5, 32}, {8, 4, 4}, {2048, 2, 1024}, {13, 3, 32}, {7168, 5, 32}};
        for (int[] c : cases) {
            byte[] salt = new byte[16 + random.nextInt(8)];
            random.nextBytes(salt);
            String password = "pässword-" + random.nextInt();
            byte[] expected = PasswordHasher.deriveWithBouncyCastle(password, salt, c[0], c[1], 1, c[2]);
            byte[] actual = argon2.hash(password.getBytes(StandardCharsets.UTF_8), salt, c[0], c[1], c[2]);
            assertThat(actual).as("m=%d t=%d length=%d", c[0], c[1], c[2]).isEqualTo(expected);
        }
    }

    @Test
    void reusedBuffersOfOtherSizesGiveTheSameTags() {
        Argon2id argon2 = new Argon2id(2);
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] big = PasswordHasher.deriveWithBouncyCastle("secret-1", salt, 2048, 2, 1, 32);
        byte[] small = PasswordHasher.deriveWithBouncyCastle("secret-2", salt, 512, 3, 1, 32);
        for (int i = 0; i < 3; i++) {
            assertThat(argon2.hash("secret-1".getBytes(StandardCharsets.UTF_8), salt, 2048, 2, 32)).isEqualTo(big);
            assertThat(argon2.hash("secret-2".getBytes(StandardCharsets.UTF_8), salt, 512, 3, 32)).isEqualTo(small);
        }
    }

    @Test
    void emptyPasswordAndEmptySaltRules() {
        Argon2id argon2 = new Argon2id(1);
        byte[] salt = new byte[8];
        assertThat(argon2.hash(new byte[0], salt, 64, 1, 32))
                .isEqualTo(PasswordHasher.deriveWithBouncyCastle("", salt, 64, 1, 1, 32));
    }
}
