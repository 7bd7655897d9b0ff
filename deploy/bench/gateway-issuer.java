// A minimal identity stand-in for deploy/bench/gateway.sh: serves OpenID discovery and a JWKS with one ES256 key,
// and writes one signed access token (identity's claims, valid 2 h) to the file named on the command line.
// Run with: java deploy/bench/gateway-issuer.java <port> <token-file>   (JDK 17+, no dependencies)

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

public class GatewayIssuer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path tokenFile = Path.of(args[1]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String issuer = "http://127.0.0.1:" + port;
        String kid = "bench-key-1";
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid
                + "\",\"x\":\"" + b64(unsigned(pub.getW().getAffineX())) + "\",\"y\":\""
                + b64(unsigned(pub.getW().getAffineY())) + "\"}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        serve(server, "/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                + "/jwks\",\"token_endpoint\":\"" + issuer + "/token\"}");
        serve(server, "/jwks", "{\"keys\":[" + jwk + "]}");
        server.start();

        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"cumulus\",\"sub\":\"bench-user\","
                + "\"principal_type\":\"user\",\"email\":\"bench@example.test\",\"orgs\":{\"org-1\":[\"admin\"]},"
                + "\"platform_roles\":[],\"sid\":\"bench-session\",\"jti\":\"bench-token\",\"client_id\":\"console\","
                + "\"scope\":\"openid\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 7200) + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        Files.writeString(tokenFile, input + "." + b64(signer.sign()));
        System.out.println("issuer " + issuer + " ready");
    }

    private static void serve(HttpServer server, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
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
