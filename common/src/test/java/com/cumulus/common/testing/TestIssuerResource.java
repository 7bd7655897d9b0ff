package com.cumulus.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/**
 * Stands in for identity's issuer in the other services' tests: serves OpenID discovery and a JWKS with one ES256
 * key, and hands the private key to the tests (as config) so they mint real tokens with {@link TestTokens}.
 */
public class TestIssuerResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEY_ID = "test-key-1";
    public static final String AUDIENCE = "cumulus";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            String issuer = "http://localhost:" + server.getAddress().getPort();
            String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                    + "\"id_token_signing_alg_values_supported\":[\"ES256\"]}";
            String jwks = "{\"keys\":[" + jwk((ECPublicKey) keys.getPublic()) + "]}";
            serve("/.well-known/openid-configuration", discovery);
            serve("/jwks", jwks);
            server.start();
            return Map.of(
                    "quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.token.issuer", issuer,
                    "quarkus.oidc.token.audience", AUDIENCE,
                    "cumulus.test.issuer.url", issuer,
                    "cumulus.test.issuer.private-key",
                    Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private static String jwk(ECPublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String x = b64.encodeToString(unsigned(key.getW().getAffineX()));
        String y = b64.encodeToString(unsigned(key.getW().getAffineY()));
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + KEY_ID
                + "\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
