package com.cumulus.identity.account.service;

import com.cumulus.identity.config.IdentityConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id in PHC string format {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}: the service's own one-lane kernel
 * ({@link Argon2id}), BouncyCastle's for stored hashes with more lanes.
 * Hashing and verification run on a worker pool of their own, one thread per core by default, never on the event
 * loop, and resume on the caller's context so the statements that follow (and their transaction, which
 * {@code SqlTransactions} keeps on that context) continue there. Bounding the pool bounds the
 * memory held by hashes in flight ({@code threads x memory-kib}) and keeps each hash's block in the cache; logins
 * beyond it wait in the pool's queue instead of competing for the same core.
 * <p>
 * The CPU time of each hash on its thread is the timer {@code identity.password.hash.cpu}: what the configured cost
 * takes on the nodes the service runs on, the figure to tune the parameters against.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private final IdentityConfig.Password params;
    private final WorkerExecutor hashing;
    /** Argon2id with one reusable block buffer per hashing thread (one lane, the configured and usual case). */
    private final Argon2id argon2;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the account does not exist, so timing does not reveal it. */
    private final String decoy;
    private final Timer hashCpu;
    private final ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();

    public PasswordHasher(IdentityConfig config, Vertx vertx, MeterRegistry registry) {
        this.params = config.password();
        this.hashCpu = Timer.builder("identity.password.hash.cpu")
                .description("CPU time of one Argon2id hash or verification on its hashing thread")
                .register(registry);
        int threads = params.hashingThreads().orElse(Runtime.getRuntime().availableProcessors());
        this.hashing = vertx.createSharedWorkerExecutor("argon2id", threads);
        this.argon2 = new Argon2id(threads);
        this.decoy = hash("decoy-password-" + random.nextLong());
    }

    public Uni<String> hashAsync(String password) {
        return hashing.executeBlocking(Uni.createFrom().item(() -> timed(() -> hash(password))), false);
    }

    /** Verifies {@code password}; a null hash is checked against a decoy and always fails. */
    public Uni<Boolean> verifyAsync(String password, String phc) {
        return hashing.executeBlocking(Uni.createFrom().item(() -> timed(() -> {
            if (phc == null) {
                verify(password, decoy);
                return false;
            }
            return verify(password, phc);
        })), false);
    }

    private <T> T timed(Supplier<T> work) {
        long start = threadTimes.getCurrentThreadCpuTime();
        try {
            return work.get();
        } finally {
            hashCpu.record(threadTimes.getCurrentThreadCpuTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, params.memoryKib(), params.iterations(), params.parallelism(),
                params.hashLength());
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    public boolean verify(String password, String phc) {
        try {
            String[] parts = phc.split("\\$");
            if (parts.length != 6 || !"argon2id".equals(parts[1])) {
                return false;
            }
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=");
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                    }
                }
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(parts[4]);
            byte[] expected = b64.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True when the stored hash was made with other parameters than the configured ones. */
    public boolean needsRehash(String phc) {
        return phc == null || !phc.contains("$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p="
                + params.parallelism() + "$");
    }

    byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        if (parallelism == 1) {
            return argon2.hash(password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, length);
        }
        return deriveWithBouncyCastle(password, salt, memoryKib, iterations, parallelism, length);
    }

    /** BouncyCastle's Argon2id: stored hashes with more than one lane (and the reference of {@code Argon2idTest}). */
    static byte[] deriveWithBouncyCastle(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                         int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
