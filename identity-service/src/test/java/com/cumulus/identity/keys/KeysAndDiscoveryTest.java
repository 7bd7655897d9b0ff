package com.cumulus.identity.keys;

import com.cumulus.identity.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class KeysAndDiscoveryTest {

    @Inject
    Pool pool;

    @Test
    void discoveryAdvertisesEndpointsAndEs256() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo("http://localhost:8081"))
                .body("jwks_uri", equalTo("http://localhost:8081/oauth2/v2/jwks"))
                .body("token_endpoint", equalTo("http://localhost:8081/oauth2/v2/token"))
                .body("revocation_endpoint", equalTo("http://localhost:8081/oauth2/v2/revoke"))
                .body("introspection_endpoint", equalTo("http://localhost:8081/oauth2/v2/introspect"))
                .body("code_challenge_methods_supported", hasItem("S256"))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("id_token_signing_alg_values_supported", hasItem("ES256"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"));
    }

    @Test
    void jwksPublishesPublicPartsOnly() {
        given().get("/oauth2/v2/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].kid", not(nullValue()))
                .body("keys[0].d", nullValue())
                .body("keys.kty", hasItem("RSA"))
                .body("keys.alg", hasItem("RS256"))
                .body("keys.findAll { it.kty == 'RSA' }.d", org.hamcrest.Matchers.everyItem(nullValue()))
                .body("keys.findAll { it.kty == 'RSA' }.p", org.hamcrest.Matchers.everyItem(nullValue()));
    }

    @Test
    void privateKeysAreEncryptedAtRest() {
        List<Row> rows = pool.query("select kid, private_key, public_jwk from signing_key").execute()
                .await().atMost(Duration.ofSeconds(10)).stream().toList();
        assertThat(rows).isNotEmpty();
        for (Row row : rows) {
            byte[] stored = row.getBuffer("private_key").getBytes();
            // a PKCS#8 EC key contains the P-256 OID, a PKCS#8 RSA key the rsaEncryption OID; ciphertext neither
            String hex = java.util.HexFormat.of().formatHex(stored);
            assertThat(hex).doesNotContain("2a8648ce3d030107").doesNotContain("2a864886f70d010101");
            assertThat(row.getString("public_jwk")).doesNotContain("\"d\"");
        }
    }

    @Test
    void rotationOnDemandKeepsThePreviousKeyVerifying() {
        String root = Accounts.rootToken();
        String oldKid = kidOf(root);
        List<String> rsaBefore = given().get("/oauth2/v2/jwks").then().extract().path("keys.findAll { it.kty == 'RSA' }.kid");
        String newKid = given().header("Authorization", "Bearer " + root)
                .post("/internal/signing-keys/rotate").then().statusCode(200).extract().path("kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        given().get("/oauth2/v2/jwks").then().statusCode(200)
                .body("keys.kid", hasItem(oldKid)).body("keys.kid", hasItem(newKid));
        // the RS256 key rotated too; its predecessor stays published
        List<String> rsaAfter = given().get("/oauth2/v2/jwks").then().extract().path("keys.findAll { it.kty == 'RSA' }.kid");
        assertThat(rsaAfter).containsAll(rsaBefore).hasSizeGreaterThan(rsaBefore.size());
        // the token signed by the retired key still works; new tokens use the new key
        given().header("Authorization", "Bearer " + root).get("/api/v1/me").then().statusCode(200);
        assertThat(kidOf(Accounts.rootToken())).isEqualTo(newKid);
    }

    @Test
    void rotationNeedsPlatformAdmin() {
        Accounts.Account account = Accounts.register("rot");
        given().header("Authorization", account.bearer()).post("/internal/signing-keys/rotate").then().statusCode(403);
        given().post("/internal/signing-keys/rotate").then().statusCode(401);
    }

    static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
