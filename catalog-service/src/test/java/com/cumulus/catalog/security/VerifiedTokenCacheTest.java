package com.cumulus.catalog.security;

import com.cumulus.common.security.tokencache.VerifiedTokens;

import com.cumulus.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A verified token is recognised again without a second signature check; anything else is still fully verified. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens tokens;

    @Test
    void aVerifiedTokenIsRememberedAndStillCarriesItsClaims() {
        String org = UUID.randomUUID().toString();
        String token = TestTokens.newUser().member(org, "developer").sign();
        assertThat(tokens.find(token)).isNull();
        String app = "cached-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(Map.of("name", app))
                .post("/apps/" + org).then().statusCode(201);
        assertThat(tokens.find(token)).isNotNull();
        // served from the cache: the organizations claim still decides
        given().header("Authorization", "Bearer " + token).get("/apps/" + org + "/" + app).then().statusCode(200)
                .body("name", equalTo(app));
        given().header("Authorization", "Bearer " + token).get("/apps/" + UUID.randomUUID() + "/" + app).then()
                .statusCode(404);
        String outsider = TestTokens.newUser().member(UUID.randomUUID().toString(), "admin").bearer();
        given().header("Authorization", outsider).get("/apps/" + org + "/" + app).then().statusCode(404);
    }

    @Test
    void aRememberedTokenWithAnAlteredPayloadIsRejected() {
        String org = UUID.randomUUID().toString();
        String token = TestTokens.newUser().member(org, "reader").sign();
        given().header("Authorization", "Bearer " + token).get("/products").then().statusCode(200);
        assertThat(tokens.find(token)).isNotNull();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"reader\"", "\"admin\"");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", "Bearer " + altered).get("/products").then().statusCode(401);
        assertThat(tokens.find(altered)).isNull();
    }

    @Test
    void rejectedTokensAreNeverRemembered() {
        String expired = TestTokens.newUser().member(UUID.randomUUID().toString(), "admin").expired().sign();
        given().header("Authorization", "Bearer " + expired).get("/products").then().statusCode(401);
        given().header("Authorization", "Bearer " + expired).get("/products").then().statusCode(401);
        assertThat(tokens.find(expired)).isNull();
        String wrongAudience = TestTokens.newUser().audience("someone-else").sign();
        given().header("Authorization", "Bearer " + wrongAudience).get("/products").then().statusCode(401);
        assertThat(tokens.find(wrongAudience)).isNull();
        String wrongIssuer = TestTokens.newUser().issuer("https://issuer.invalid").sign();
        given().header("Authorization", "Bearer " + wrongIssuer).get("/products").then().statusCode(401);
        assertThat(tokens.find(wrongIssuer)).isNull();
    }
}
