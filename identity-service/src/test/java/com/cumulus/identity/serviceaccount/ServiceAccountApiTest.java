package com.cumulus.identity.serviceaccount;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ServiceAccountApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Map<String, Object> body(String name, List<String> groups) {
        return Map.of("metadata", Map.of("name", name, "description", "ci robot"), "spec", Map.of("groupIDs", groups));
    }

    @Test
    void createReturnsTheTokenOnceAndRotationKillsTheOldOne() {
        Account admin = Accounts.register("sa");
        String base = "/api/v1/organizations/" + admin.organizationId() + "/serviceaccounts";
        var created = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("ci-bot", List.of("g1"))).post(base).then().statusCode(201)
                .body("metadata.name", equalTo("ci-bot"))
                .body("metadata.organizationId", equalTo(admin.organizationId()))
                .body("spec.groupIDs", equalTo(List.of("g1")))
                .body("status.accessToken", notNullValue())
                .body("status.expiry", notNullValue())
                .extract().jsonPath();
        String id = created.getString("metadata.id");
        String token = created.getString("status.accessToken");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload).contains("\"principal_type\":\"service_account\"").contains("\"sub\":\"" + id + "\"")
                .contains(admin.organizationId());

        given().header("Authorization", admin.bearer()).get(base).then().statusCode(200)
                .body("", hasSize(1)).body("[0].status.accessToken", nullValue());
        // the token authenticates (here: listing service accounts needs admin, so 403 proves authentication)
        given().header("Authorization", "Bearer " + token).get(base).then().statusCode(403);

        String rotated = given().header("Authorization", admin.bearer()).post(base + "/" + id + "/rotate")
                .then().statusCode(200).body("status.accessToken", notNullValue()).extract().path("status.accessToken");
        assertThat(rotated).isNotEqualTo(token);
        given().header("Authorization", "Bearer " + token).get(base).then().statusCode(401);
        given().header("Authorization", "Bearer " + rotated).get(base).then().statusCode(403);
        String oldJti = payload.replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1");
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.serviceaccount.rotated.v1", oldJti)).contains(id);

        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("ci-bot", List.of("g1", "g2"))).put(base + "/" + id).then().statusCode(200)
                .body("spec.groupIDs", equalTo(List.of("g1", "g2"))).body("status.accessToken", nullValue());

        given().header("Authorization", admin.bearer()).delete(base + "/" + id).then().statusCode(200);
        given().header("Authorization", "Bearer " + rotated).get(base).then().statusCode(401);
        given().header("Authorization", admin.bearer()).delete(base + "/" + id).then().statusCode(404);
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.serviceaccount.deleted.v1", id)).contains("tokenIds");
    }

    @Test
    void validationAndCrossOrganizationAccess() {
        Account admin = Accounts.register("saval");
        Account other = Accounts.register("saother");
        String base = "/api/v1/organizations/" + admin.organizationId() + "/serviceaccounts";
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "Bad Name"))).post(base).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("metadata.name"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "ok"), "spec", Map.of("groupIDs", "g"))).post(base).then()
                .statusCode(400).body("field", equalTo("spec.groupIDs"));
        String id = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("robot", List.of())).post(base).then().statusCode(201).extract().path("metadata.id");
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("robot", List.of())).post(base).then().statusCode(409);

        given().header("Authorization", other.bearer()).get(base).then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON).body(body("robot", List.of()))
                .put(base + "/" + id).then().statusCode(404);
        given().header("Authorization", other.bearer()).post(base + "/" + id + "/rotate").then().statusCode(404);
        given().header("Authorization", other.bearer()).delete(base + "/" + id).then().statusCode(404);
        given().header("Authorization", other.bearer())
                .delete("/api/v1/organizations/" + other.organizationId() + "/serviceaccounts/" + id)
                .then().statusCode(404);
        given().get(base).then().statusCode(401);
    }
}
