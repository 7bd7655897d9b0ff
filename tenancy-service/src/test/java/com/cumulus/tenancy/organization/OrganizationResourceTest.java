package com.cumulus.tenancy.organization;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Seed 001 {@code /api/v1/organizations}. */
@QuarkusTest
class OrganizationResourceTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Test
    void createReadUpdateDeleteAsAdmin() {
        String name = Fixtures.uniqueName("acme");
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", name, "description", "d",
                                "tags", List.of(Map.of("name", "tier", "value", "gold"))),
                        "spec", Map.of("organizationType", "domain", "domain", "acme.example")))
                .post("/api/v1/organizations")
                .then().statusCode(202)
                .body("metadata.name", equalTo(name))
                .body("metadata.createdBy", equalTo(alice.subject()))
                .body("spec.organizationType", equalTo("domain"))
                .body("spec.domain", equalTo("acme.example"))
                .extract().path("metadata.id");

        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id)
                .then().statusCode(200).body("metadata.tags[0].value", equalTo("gold"))
                .body("status.state", equalTo("enabled"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations")
                .then().statusCode(200).body("metadata.id", hasItem(id));

        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", name + "-x"), "spec", Map.of("organizationType", "adhoc")))
                .put("/api/v1/organizations/" + id)
                .then().statusCode(200).body("metadata.name", equalTo(name + "-x"))
                .body("metadata.modifiedBy", equalTo(alice.subject()));

        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + id)
                .then().statusCode(202);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id)
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void memberOfAnotherOrganizationGets404AndSeesNothing() {
        String id = Fixtures.organization(alice);
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "taken"), "spec", Map.of("organizationType", "adhoc")))
                .put("/api/v1/organizations/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete("/api/v1/organizations/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations")
                .then().statusCode(200).body("metadata.id", not(hasItem(id)));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id).then().statusCode(200);
    }

    @Test
    void developerCannotDeleteOrUpdate() {
        String id = Fixtures.organization(alice);
        TestTokens dev = TestTokens.newUser();
        Fixtures.member(alice, id, dev, "developer");
        given().header("Authorization", dev.bearer()).get("/api/v1/organizations/" + id).then().statusCode(200);
        given().header("Authorization", dev.bearer()).delete("/api/v1/organizations/" + id)
                .then().statusCode(403).body("error", equalTo("access_denied"));
    }

    @Test
    void invalidNameIsRejectedNamingTheFieldAndNothingIsWritten() {
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "Not a label!"), "spec", Map.of("organizationType", "adhoc")))
                .post("/api/v1/organizations")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("field", equalTo("metadata.name"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "ok-name"), "spec", Map.of("organizationType", "domain")))
                .post("/api/v1/organizations")
                .then().statusCode(400).body("field", equalTo("domain"));
        TestTokens fresh = TestTokens.newUser();
        given().header("Authorization", fresh.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "ok-name"), "spec", Map.of("organizationType", "bogus")))
                .post("/api/v1/organizations").then().statusCode(400).body("field", equalTo("spec.organizationType"));
        given().header("Authorization", fresh.bearer()).get("/api/v1/organizations")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void unauthenticatedAndExpiredTokensGet401() {
        given().get("/api/v1/organizations").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.newUser().expired().sign())
                .get("/api/v1/organizations").then().statusCode(401);
        given().header("Authorization", "Bearer " + alice.tampered())
                .get("/api/v1/organizations").then().statusCode(401).body("error", notNullValue());
    }

    @Test
    void lookingUpAnotherUsersOrganizationsByEmailIsForbidden() {
        given().header("Authorization", alice.bearer()).queryParam("email", "someone@example.test")
                .get("/api/v1/organizations").then().statusCode(403)
                .body("error_description", containsString("another user"));
    }
}
