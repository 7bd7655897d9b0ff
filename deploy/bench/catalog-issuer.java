// A minimal identity stand-in for deploy/bench/catalog-read.sh: serves OpenID discovery and a JWKS with one ES256
// key, and writes two signed access tokens with identity's claims (valid 2 h) into <token-dir>:
//   admin.jwt  platform_roles ["platform-admin"]          (seeds products through /internal/catalog/...)
//   user.jwt   orgs {"<org-id>": ["admin"]}                (creates the app, credential and subscription; reads them)
// Run with: java deploy/bench/catalog-issuer.java <port> <token-dir> <org-id>   (JDK 17+, no dependencies)

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

public class CatalogIssuer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        String org = args[2];
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String issuer = "http://127.0.0.1:" + port;
        String kid = "catalog-bench-key-1";
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid
                + "\",\"x\":\"" + b64(unsigned(pub.getW().getAffineX())) + "\",\"y\":\""
                + b64(unsigned(pub.getW().getAffineY())) + "\"}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        serve(server, "/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                + "/jwks\",\"token_endpoint\":\"" + issuer + "/token\"}");
        serve(server, "/jwks", "{\"keys\":[" + jwk + "]}");
        server.start();

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("admin.jwt"), token(keys.getPrivate(), issuer, kid, "bench-admin",
                "{}", "[\"platform-admin\"]"));
        Files.writeString(dir.resolve("user.jwt"), token(keys.getPrivate(), issuer, kid, "bench-user",
                "{\"" + org + "\":[\"admin\"]}", "[]"));
        System.out.println("issuer " + issuer + " ready");
    }

    private static String token(PrivateKey key, String issuer, String kid, String subject, String orgs,
                                String platformRoles) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"cumulus\",\"sub\":\"" + subject + "\","
                + "\"principal_type\":\"user\",\"email\":\"" + subject + "@example.test\",\"orgs\":" + orgs + ","
                + "\"platform_roles\":" + platformRoles + ",\"sid\":\"bench-session\",\"jti\":\"" + subject
                + "-token\",\"client_id\":\"console\",\"scope\":\"openid\",\"iat\":" + now + ",\"nbf\":" + now
                + ",\"exp\":" + (now + 7200) + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signer.sign());
    }

    private static void serve(HttpServer server, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            // one line per fetch: the benchmark counts them to show that keys are fetched once, not per request
            System.out.println("served " + path);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
