package com.cumulus.gateway.auth;

import com.cumulus.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies identity's access tokens: signature with a JWKS key (allow-listed algorithms only, the key's own
 * algorithm and type must match), {@code exp} (required), {@code nbf}, {@code iss} and {@code aud}. A token whose
 * signature verified is remembered until it expires, so repeated calls with it skip the signature check; expiry and
 * revocation are still checked on every request.
 */
@Singleton
public class TokenVerifier {

    private final SigningKeys keys;
    private final Set<String> algorithms;
    private final int cacheSize;
    private final long skewSeconds;
    private final JwtConsumer consumer;
    private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    public TokenVerifier(GatewayConfig config, SigningKeys keys, Vertx vertx) {
        GatewayConfig.Auth auth = config.auth();
        this.keys = keys;
        this.algorithms = Set.copyOf(auth.algorithms());
        this.cacheSize = auth.verifiedTokenCacheSize();
        this.skewSeconds = auth.clockSkew().toSeconds();
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) auth.clockSkew().toSeconds())
                .setExpectedIssuer(auth.issuer())
                .setExpectedAudience(auth.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        auth.algorithms().toArray(String[]::new))
                .setVerificationKeyResolver((jws, nested) -> {
                    PublicJsonWebKey key = keys.known(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown key id");
                    }
                    String keyAlgorithm = key.getAlgorithm();
                    if (keyAlgorithm != null && !keyAlgorithm.equals(jws.getAlgorithmHeaderValue())) {
                        throw new UnresolvableKeyException("key is not for " + jws.getAlgorithmHeaderValue());
                    }
                    return key.getPublicKey();
                })
                .build();
        keys.onKeysRemoved(verified::clear);
        vertx.setPeriodic(60_000, id -> purgeExpired());
    }

    /** The verified token, or a failed future with a 401 {@link EdgeFailure}. */
    public Future<VerifiedToken> verify(String jwt) {
        VerifiedToken known = verified.get(jwt);
        if (known != null) {
            return known.expired() ? Future.failedFuture(EdgeFailure.unauthorized("access token expired"))
                    : Future.succeededFuture(known);
        }
        JsonObject header;
        try {
            header = header(jwt);
        } catch (RuntimeException e) {
            return Future.failedFuture(EdgeFailure.unauthorized("malformed access token"));
        }
        String alg = header.getString("alg");
        if (alg == null || !algorithms.contains(alg)) {
            return Future.failedFuture(EdgeFailure.unauthorized("token algorithm not allowed"));
        }
        String kid = header.getString("kid");
        if (kid == null) {
            return Future.failedFuture(EdgeFailure.unauthorized("token names no signing key"));
        }
        if (keys.known(kid) != null) {
            return check(jwt);
        }
        return keys.resolve(kid).compose(key -> key == null
                ? Future.failedFuture(EdgeFailure.unauthorized("token signed by an unknown key"))
                : check(jwt));
    }

    private Future<VerifiedToken> check(String jwt) {
        try {
            VerifiedToken token = process(jwt);
            if (verified.size() >= cacheSize) {
                verified.clear();
            }
            verified.put(jwt, token);
            return Future.succeededFuture(token);
        } catch (EdgeFailure failure) {
            return Future.failedFuture(failure);
        }
    }

    VerifiedToken process(String jwt) {
        try {
            JwtClaims claims = consumer.processToClaims(jwt);
            return new VerifiedToken(claims.getSubject(),
                    string(claims, "principal_type", "user"),
                    string(claims, "client_id", null),
                    string(claims, "sid", null),
                    claims.getJwtId(),
                    claims.getExpirationTime().getValue() + skewSeconds);
        } catch (InvalidJwtException e) {
            throw EdgeFailure.unauthorized(reason(e));
        } catch (MalformedClaimException e) {
            throw EdgeFailure.unauthorized("malformed access token claims");
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "access token expired";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "access token not yet valid";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "access token from another issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "access token for another audience";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "access token signature invalid";
        }
        return "invalid access token";
    }

    private static String string(JwtClaims claims, String name, String fallback) {
        Object value = claims.getClaimValue(name);
        return value instanceof String s ? s : fallback;
    }

    private static JsonObject header(String jwt) {
        int dot = jwt.indexOf('.');
        if (dot <= 0 || jwt.indexOf('.', dot + 1) < 0) {
            throw new IllegalArgumentException("not a JWS");
        }
        byte[] json = Base64.getUrlDecoder().decode(jwt.substring(0, dot));
        return new JsonObject(new String(json, StandardCharsets.UTF_8));
    }

    private void purgeExpired() {
        List<String> gone = verified.entrySet().stream().filter(e -> e.getValue().expired()).map(e -> e.getKey())
                .toList();
        gone.forEach(verified::remove);
    }
}
