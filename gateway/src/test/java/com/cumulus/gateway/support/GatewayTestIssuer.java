package com.cumulus.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for identity in the gateway's tests: OpenID discovery, a JWKS the tests can add keys to (key rotation),
 * and a token endpoint that exchanges API keys (client_credentials) for ES256 tokens, counting exchanges per client.
 * The private key reaches the tests as config so they mint real tokens ({@link Tokens}).
 */
public class GatewayTestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String KEY_ID = "gw-test-key-1";
    /** A client secret the token endpoint refuses (identity rejecting a key the gateway still believes valid). */
    public static final String REFUSED_SECRET = "refused-by-identity";

    private HttpServer server;
    private EllipticCurveJsonWebKey signingKey;
    private String issuer;
    private final List<String> publicJwks = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> exchanges = new ConcurrentHashMap<>();
    /**
     * When set (POST /admin/trickle-jwks, milliseconds), the next JWKS answer trickles in over that long; GET tells
     * whether that answer is still pending.
     */
    private final AtomicLong trickleNextJwksMillis = new AtomicLong();

    @Override
    public Map<String, String> start() {
        try {
            signingKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            signingKey.setKeyId(KEY_ID);
            signingKey.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            signingKey.setUse("sig");
            publicJwks.add(signingKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            issuer = "http://localhost:" + server.getAddress().getPort();
            server.createContext("/.well-known/openid-configuration", ex -> reply(ex, 200,
                    "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"token_endpoint\":\""
                            + issuer + "/token\",\"id_token_signing_alg_values_supported\":[\"ES256\"]}"));
            server.createContext("/jwks", ex -> {
                String jwks = "{\"keys\":[" + String.join(",", publicJwks) + "]}";
                long trickle = trickleNextJwksMillis.getAndSet(0);
                if (trickle > 0) {
                    trickle(ex, trickle, jwks);
                } else {
                    reply(ex, 200, jwks);
                }
            });
            server.createContext("/admin/trickle-jwks", ex -> {
                if ("GET".equals(ex.getRequestMethod())) {
                    reply(ex, 200, "{\"pending\":" + trickleNextJwksMillis.get() + "}");
                    return;
                }
                trickleNextJwksMillis.set(Long.parseLong(new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8).trim()));
                reply(ex, 204, "");
            });
            server.createContext("/admin/keys", ex -> {
                publicJwks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                reply(ex, 204, "");
            });
            server.createContext("/admin/exchanges", ex -> {
                String client = ex.getRequestURI().getQuery().replace("client_id=", "");
                reply(ex, 200, "{\"count\":" + exchanges.getOrDefault(client, new AtomicInteger()).get() + "}");
            });
            server.createContext("/token", this::token);
            server.start();
            Map<String, String> config = new HashMap<>();
            config.put("cumulus.gateway.auth.issuer", issuer);
            config.put("cumulus.test.issuer.url", issuer);
            config.put("cumulus.test.issuer.kid", KEY_ID);
            config.put("cumulus.test.issuer.private-key",
                    Base64.getEncoder().encodeToString(signingKey.getPrivateKey().getEncoded()));
            return config;
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("test issuer did not start", e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String clientId = form.get("client_id");
        if (!"client_credentials".equals(form.get("grant_type")) || clientId == null
                || REFUSED_SECRET.equals(form.get("client_secret"))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        exchanges.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience("cumulus");
            claims.setSubject(clientId);
            claims.setClaim("principal_type", "api_key");
            claims.setClaim("client_id", clientId);
            claims.setClaim("orgs", Map.of("org-of-" + clientId, new ArrayList<>(List.of("admin"))));
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(15);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(signingKey.getPrivateKey());
            jws.setKeyIdHeaderValue(KEY_ID);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            reply(exchange, 200, "{\"access_token\":\"" + jws.getCompactSerialization()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        } catch (org.jose4j.lang.JoseException e) {
            reply(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    /**
     * A JWKS answer that arrives a space every 200 ms for {@code millis} before the document: a stalled issuer that
     * no idle timeout notices.
     */
    private static void trickle(HttpExchange exchange, long millis, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        long end = System.nanoTime() + millis * 1_000_000L;
        try (OutputStream out = exchange.getResponseBody()) {
            while (System.nanoTime() < end) {
                out.write(' ');
                out.flush();
                Thread.sleep(200);
            }
            out.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the gateway gave up on this answer: nothing left to send
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (status != 204) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
