package com.cumulus.identity.apikey;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import com.cumulus.identity.token.Secrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ApiKeyApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record CreatedKey(String keyId, String keySecret) {
    }

    static CreatedKey create(Account admin, Map<String, Object> body) {
        var json = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/" + admin.organizationId() + "/keys").then().statusCode(200)
                .body("status", equalTo(200)).body("requestId", notNullValue())
                .extract().jsonPath();
        return new CreatedKey(json.getString("result.keyId"), json.getString("result.keySecret"));
    }

    static String keyToken(CreatedKey key) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", key.keyId())
                .formParam("client_secret", key.keySecret()).post("/oauth2/v2/token").then().statusCode(200)
                .extract().path("access_token");
    }

    @Test
    void adminCreatesAKeyWhoseSecretIsShownOnceAndStoredAsHash() {
        Account admin = Accounts.register("keys");
        var json = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "roles", List.of("developer"), "expireAt", "2099-01-01T00:00:00Z"))
                .post("/v1/organizations/" + admin.organizationId() + "/keys").then().statusCode(200)
                .body("result.key.name", equalTo("ci"))
                .body("result.key.state", equalTo("enabled"))
                .body("result.key.roles", equalTo(List.of("developer")))
                .body("result.key.expireAt", equalTo("2099-01-01T00:00:00Z"))
                .body("result.key.usedAt", nullValue())
                .extract().jsonPath();
        String keyId = json.getString("result.keyId");
        String secret = json.getString("result.keySecret");
        assertThat(json.getString("result.key.keySuffix")).isEqualTo(secret.substring(secret.length() - 4));

        given().header("Authorization", admin.bearer()).get("/v1/organizations/" + admin.organizationId() + "/keys")
                .then().statusCode(200).body("result", hasSize(1)).body("result[0].id", equalTo(keyId))
                .body(org.hamcrest.Matchers.not(containsString(secret)));
        String event = Events.awaitEvent(bootstrap, "com.cumulus.identity.apikey.created.v1", keyId);
        assertThat(event).contains(Secrets.sha256Hex(secret)).doesNotContain(secret)
                .contains(admin.organizationId()).contains("\"state\":\"enabled\"");
    }

    @Test
    void keysAuthenticateAtTheTokenEndpointAsApiKeyPrincipals() {
        Account admin = Accounts.register("keyauth");
        CreatedKey key = create(admin, Map.of("name", "ops", "roles", List.of("admin")));
        String token = keyToken(key);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload).contains("\"principal_type\":\"api_key\"").contains("\"sub\":\"" + key.keyId() + "\"")
                .contains("\"orgs\":{\"" + admin.organizationId() + "\":[\"admin\"]}");
        // usedAt is kept current
        given().header("Authorization", admin.bearer())
                .get("/v1/organizations/" + admin.organizationId() + "/keys/" + key.keyId())
                .then().statusCode(200).body("result.usedAt", notNullValue());
        // an admin key manages keys, but cannot delete itself
        CreatedKey other = create(admin, Map.of("name", "other", "roles", List.of("developer")));
        given().header("Authorization", "Bearer " + token)
                .delete("/v1/organizations/" + admin.organizationId() + "/keys/" + key.keyId())
                .then().statusCode(409).body("status", equalTo(409));
        given().header("Authorization", "Bearer " + token)
                .delete("/v1/organizations/" + admin.organizationId() + "/keys/" + other.keyId())
                .then().statusCode(200).body("status", equalTo(200)).body("requestId", notNullValue());
        given().formParam("grant_type", "client_credentials").formParam("client_id", other.keyId())
                .formParam("client_secret", other.keySecret()).post("/oauth2/v2/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", key.keyId())
                .formParam("client_secret", "wrong").post("/oauth2/v2/token").then().statusCode(401);
    }

    @Test
    void disabledAndExpiredKeysCannotAuthenticate() {
        Account admin = Accounts.register("keystate");
        CreatedKey key = create(admin, Map.of("name", "k", "roles", List.of("developer")));
        String token = keyToken(key);
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("state", "disabled", "name", "renamed"))
                .patch("/v1/organizations/" + admin.organizationId() + "/keys/" + key.keyId())
                .then().statusCode(200).body("result.state", equalTo("disabled")).body("result.name", equalTo("renamed"))
                .body("result.roles", equalTo(List.of("developer")));
        given().formParam("grant_type", "client_credentials").formParam("client_id", key.keyId())
                .formParam("client_secret", key.keySecret()).post("/oauth2/v2/token").then().statusCode(401);
        // tokens of a disabled key stop working at identity too
        given().header("Authorization", "Bearer " + token).get("/v1/organizations/" + admin.organizationId() + "/keys")
                .then().statusCode(401);
        CreatedKey expired = create(admin, Map.of("name", "old", "roles", List.of("developer"),
                "expireAt", "2001-01-01T00:00:00Z"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", expired.keyId())
                .formParam("client_secret", expired.keySecret()).post("/oauth2/v2/token").then().statusCode(401);
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.apikey.updated.v1", key.keyId()))
                .contains("\"state\":\"disabled\"");
    }

    @Test
    void validationNamesTheField() {
        Account admin = Accounts.register("keyval");
        String path = "/v1/organizations/" + admin.organizationId() + "/keys";
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of())).post(path).then().statusCode(400)
                .body("status", equalTo(400)).body("error", containsString("roles")).body("requestId", notNullValue());
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("admin"))).post(path).then().statusCode(400)
                .body("error", containsString("name"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of("root"))).post(path).then().statusCode(400)
                .body("error", containsString("roles"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of("admin"), "state", "maybe")).post(path).then().statusCode(400)
                .body("error", containsString("state"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of("admin"), "expireAt", "tomorrow")).post(path).then()
                .statusCode(400).body("error", containsString("expireAt"));
    }

    @Test
    void otherOrganizationsAndNonAdminsGetNothing() {
        Account acme = Accounts.register("keyacme");
        Account other = Accounts.register("keyother");
        CreatedKey key = create(acme, Map.of("name", "k", "roles", List.of("admin")));
        String base = "/v1/organizations/" + acme.organizationId() + "/keys";
        given().header("Authorization", other.bearer()).get(base).then().statusCode(404);
        given().header("Authorization", other.bearer()).get(base + "/" + key.keyId()).then().statusCode(404);
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .patch(base + "/" + key.keyId()).then().statusCode(404);
        given().header("Authorization", other.bearer()).delete(base + "/" + key.keyId()).then().statusCode(404);
        // the key id under the other organization's own path is not found either
        given().header("Authorization", other.bearer())
                .get("/v1/organizations/" + other.organizationId() + "/keys/" + key.keyId()).then().statusCode(404);
        given().get(base).then().statusCode(401);
        // a developer of the organization is forbidden
        String devToken = given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail("kdev"), "password", "dev-password-1"))
                .post("/api/v1/developers").then().statusCode(201).extract().path("content.token");
        given().header("Authorization", "Bearer " + devToken).get(base).then().statusCode(403);
    }
}
