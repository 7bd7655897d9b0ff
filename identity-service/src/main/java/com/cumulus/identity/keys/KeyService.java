package com.cumulus.identity.keys;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.config.IdentityConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The signing keys: generated at first start, stored in PostgreSQL with the private key encrypted, rotated on a
 * schedule and on demand. A retired key keeps verifying (and stays in the JWKS) until every token it signed expired.
 * Keys are cached in memory and reloaded periodically so replicas see each other's rotations.
 */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);
    /** The default signing algorithm (every access token, and ID tokens unless a client asks for RS256). */
    public static final String ALGORITHM = "ES256";
    /** Also offered, for clients that require it ({@code id_token_signed_response_alg=RS256}). */
    public static final String RS256 = "RS256";
    /** Every algorithm with its own key pair, default first. */
    public static final List<String> ALGORITHMS = List.of(ALGORITHM, RS256);
    private static final long LOCK_ID = 0x1d3e7171L;

    /** The key that signs now. */
    public record ActiveKey(String kid, PrivateKey privateKey) {
    }

    private final IdentityConfig config;
    private final KeyEncryption encryption;
    private final SqlTransactions tx;
    private final SigningKeyRepository keys;
    private volatile Map<String, ActiveKey> active = Map.of();
    private volatile Map<String, PublicKey> verifying = Map.of();
    private volatile List<Map<String, Object>> jwks = List.of();

    public KeyService(IdentityConfig config, KeyEncryption encryption, SqlTransactions tx, SigningKeyRepository keys) {
        this.config = config;
        this.encryption = encryption;
        this.tx = tx;
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::ensureAndReload);
    }

    @Scheduled(every = "${cumulus.identity.keys.check-every}", delayed = "${cumulus.identity.keys.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return ensureAndReload().onFailure().invoke(e -> LOG.warn("signing key check failed", e))
                .onFailure().recoverWithNull();
    }

    Uni<Void> ensureAndReload() {
        return tx.inTransaction(() -> keys.lock(LOCK_ID).chain(keys::unretired)
                        .chain(current -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (String algorithm : ALGORITHMS) {
                                List<SigningKey> mine = current.stream().filter(k -> algorithm.equals(k.algorithm))
                                        .toList();
                                boolean due = mine.isEmpty() || mine.get(0).createdAt
                                        .plus(config.keys().rotationInterval()).isBefore(Instant.now());
                                if (due) {
                                    chain = chain.chain(() -> rotateLocked(algorithm, mine));
                                }
                            }
                            return chain;
                        }))
                .chain(this::reload);
    }

    /**
     * Rotates every algorithm's key now: the new keys sign from here on; the old ones keep verifying until their
     * tokens expired. Returns the new default (ES256) key id.
     */
    public Uni<String> rotate() {
        return tx.inTransaction(() -> keys.lock(LOCK_ID).chain(keys::unretired)
                        .chain(current -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (String algorithm : ALGORITHMS) {
                                List<SigningKey> mine = current.stream().filter(k -> algorithm.equals(k.algorithm))
                                        .toList();
                                chain = chain.chain(() -> rotateLocked(algorithm, mine));
                            }
                            return chain;
                        }))
                .chain(() -> reload())
                .map(ignored -> active().kid());
    }

    private Uni<Void> rotateLocked(String algorithm, List<SigningKey> current) {
        Instant now = Instant.now();
        Duration longest = config.tokens().accessTokenTtl().compareTo(config.tokens().serviceAccountTokenTtl()) > 0
                ? config.tokens().accessTokenTtl() : config.tokens().serviceAccountTokenTtl();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SigningKey old : current) {
            old.retiredAt = now;
            old.dropAfter = now.plus(longest).plus(1, ChronoUnit.MINUTES);
            chain = chain.chain(() -> keys.retire(old));
        }
        SigningKey fresh = generate(algorithm, now);
        LOG.infof("new %s signing key %s", algorithm, fresh.kid);
        return chain.chain(() -> keys.insert(fresh)).replaceWithVoid();
    }

    private SigningKey generate(String algorithm, Instant now) {
        try {
            PublicJsonWebKey jwk = RS256.equals(algorithm) ? RsaJwkGenerator.generateJwk(2048)
                    : EcJwkGenerator.generateJwk(EllipticCurves.P256);
            String kid = UUID.randomUUID().toString();
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(algorithm);
            SigningKey key = new SigningKey();
            key.kid = kid;
            key.algorithm = algorithm;
            key.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            key.privateKey = encryption.encrypt(kid, jwk.getPrivateKey().getEncoded());
            key.createdAt = now;
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    /** Re-reads the keys that may still verify a live token. */
    public Uni<Void> reload() {
        return Uni.createFrom().deferred(() -> keys.notDropped(Instant.now()))
                .invoke(this::install)
                .replaceWithVoid();
    }

    private void install(List<SigningKey> loaded) {
        Map<String, PublicKey> publicKeys = new HashMap<>();
        List<Map<String, Object>> published = new ArrayList<>();
        Map<String, ActiveKey> signing = new HashMap<>();
        // default algorithm first in the JWKS, newest first within an algorithm
        List<SigningKey> ordered = new ArrayList<>(loaded);
        ordered.sort(java.util.Comparator.comparingInt((SigningKey k) -> Math.max(0, ALGORITHMS.indexOf(k.algorithm))));
        for (SigningKey key : ordered) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicJwk);
                publicKeys.put(key.kid, jwk.getPublicKey());
                published.add(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                if (key.retiredAt == null && !signing.containsKey(key.algorithm)) {
                    byte[] der = encryption.decrypt(key.kid, key.privateKey);
                    String family = RS256.equals(key.algorithm) ? "RSA" : "EC";
                    PrivateKey priv = KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(der));
                    signing.put(key.algorithm, new ActiveKey(key.kid, priv));
                }
            } catch (JoseException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("signing key " + key.kid + " is unreadable", e);
            }
        }
        for (String algorithm : ALGORITHMS) {
            if (!signing.containsKey(algorithm)) {
                throw new IllegalStateException("no active " + algorithm + " signing key");
            }
        }
        this.verifying = Map.copyOf(publicKeys);
        this.jwks = List.copyOf(published);
        this.active = Map.copyOf(signing);
    }

    /** The key that signs with the default algorithm (ES256). */
    public ActiveKey active() {
        return active(ALGORITHM);
    }

    /** The key that signs with {@code algorithm} (ES256 or RS256). */
    public ActiveKey active(String algorithm) {
        ActiveKey key = active.get(algorithm);
        if (key == null) {
            throw new IllegalStateException("signing keys not loaded yet");
        }
        return key;
    }

    public PublicKey verificationKey(String kid) {
        return kid == null ? null : verifying.get(kid);
    }

    public List<Map<String, Object>> jwks() {
        return jwks;
    }
}
