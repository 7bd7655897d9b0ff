package com.cumulus.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of identity-service ({@code cumulus.identity.*}); every key has a working local default. */
@ConfigMapping(prefix = "cumulus.identity")
public interface IdentityConfig {

    /** Issuer URL put in {@code iss} and served by discovery. */
    @WithDefault("http://localhost:8081")
    String issuer();

    @WithDefault("cumulus")
    String audience();

    Tokens tokens();

    Keys keys();

    Password password();

    Throttle throttle();

    Mail mail();

    Bootstrap bootstrap();

    LocalClient localClient();

    ServiceClient serviceClient();

    interface Tokens {
        @WithDefault("PT15M")
        Duration accessTokenTtl();

        @WithDefault("P30D")
        Duration refreshTokenTtl();

        @WithDefault("P30D")
        Duration sessionTtl();

        @WithDefault("PT60S")
        Duration authorizationCodeTtl();

        @WithDefault("P90D")
        Duration serviceAccountTokenTtl();

        @WithDefault("PT24H")
        Duration approveCodeTtl();

        @WithDefault("PT5H")
        Duration resetLinkTtl();
    }

    interface Keys {
        /** Base64 of a 32-byte AES key that encrypts the signing keys' private parts at rest. */
        @WithDefault("Y3VtdWx1cy1sb2NhbC1kZXYta2V5LWVuY3J5cHRpb24=")
        String encryptionKey();

        /** How long a signing key signs before the scheduled rotation replaces it. */
        @WithDefault("P30D")
        Duration rotationInterval();

        /** How often the scheduler checks for due rotations and reloads keys written by other replicas. */
        @WithDefault("60s")
        String checkEvery();
    }

    interface Password {
        /** Argon2id memory cost in KiB (OWASP: 19 MiB). */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        @WithDefault("32")
        int hashLength();

        /**
         * Threads that run Argon2id (default: one per available processor). More concurrent hashes than cores only
         * queue for the CPU while each holds its {@code memory-kib} block and evicts the others' from the cache.
         */
        Optional<Integer> hashingThreads();
    }

    interface Throttle {
        /** Failed logins allowed per account (email) before lockouts start. */
        @WithDefault("5")
        int accountFailures();

        /** Failed logins allowed per source address before lockouts start. */
        @WithDefault("20")
        int sourceFailures();

        /** First lockout; doubles with every further failure, capped at max-lockout. */
        @WithDefault("PT30S")
        Duration baseLockout();

        @WithDefault("PT15M")
        Duration maxLockout();
    }

    interface Mail {
        @WithDefault("no-reply@cumulus.local")
        String from();

        /** Link mailed by forgot-password; the reset token is appended as {@code ?resetToken=}. */
        @WithDefault("http://localhost:8080/reset-password")
        String resetUrl();
    }

    interface Bootstrap {
        /** The first platform administrator, created at startup when both are set. */
        Optional<String> adminEmail();

        Optional<String> adminPassword();
    }

    /** A public OAuth client (PKCE) seeded at startup for the console and the e2e tests. */
    interface LocalClient {
        @WithDefault("cumulus-console")
        String id();

        @WithDefault("http://localhost:8080/callback")
        List<String> redirectUris();

        /** Algorithm of this client's ID tokens: ES256 (default) or RS256. */
        @WithDefault("ES256")
        String idTokenSignedResponseAlg();
    }

    /** An optional confidential OAuth client seeded at startup (client_credentials). */
    interface ServiceClient {
        Optional<String> id();

        /** SHA-256 hex of the client secret. */
        Optional<String> secretHash();

        /** Algorithm of this client's ID tokens: ES256 (default) or RS256. */
        @WithDefault("ES256")
        String idTokenSignedResponseAlg();
    }
}
