package com.cumulus.tenancy.organization;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The same organization row through seeds 002 (/orgs), 003 (/api/v1/account) and 004 (/v1/organizations). */
@QuarkusTest
class OrganizationDialectsTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Test
    void connectPatchByIdAndByNameInJsonAndYaml() {
        String id = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Acme Corp", "summary", "s", "state", "disabled", "metadata", Map.of("k", "v")))
                .patch("/orgs/" + id)
                .then().statusCode(200)
                .body("type", equalTo("consumer_org")).body("api_version", equalTo("2.0.0"))
                .body("id", equalTo(id)).body("title", equalTo("Acme Corp")).body("state", equalTo("disabled"))
                .body("metadata.k", equalTo("v"));
        String name = Fixtures.uniqueName("renamed");
        given().header("Authorization", alice.bearer()).contentType("application/yaml").accept("application/yaml")
                .body(("name: " + name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .patch("/orgs/" + id)
                .then().statusCode(200).contentType(containsString("yaml"))
                .body(containsString("name: \"" + name + "\""));
        // reachable by name now, and the same row in seed 001
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("summary", "by name"))
                .patch("/orgs/" + name).then().statusCode(200).body("summary", equalTo("by name"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id)
                .then().statusCode(200).body("metadata.name", equalTo(name)).body("metadata.description", equalTo("by name"));
    }

    @Test
    void connectValidationAndOtherTenant() {
        String id = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("state", "frozen"))
                .patch("/orgs/" + id).then().statusCode(400).body("field", equalTo("state"))
                .body("status", equalTo(400));
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/orgs/" + id).then().statusCode(404).body("status", equalTo(404));
        given().header("Authorization", mallory.bearer()).delete("/orgs/" + id).then().statusCode(404);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id)
                .then().statusCode(200).body("status.state", equalTo("enabled"));
        given().header("Authorization", alice.bearer()).delete("/orgs/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + id).then().statusCode(404);
    }

    @Test
    void accountReadUpdateWithLimitsPrettyPrintAndDelete() {
        TestTokens owner = TestTokens.newUser();
        String id = Fixtures.organization(owner);
        given().header("Authorization", owner.bearer()).get("/api/v1/account")
                .then().statusCode(200).body("meta.params.indent", equalTo(0)).body("content.organizationName", notNullValue());
        String email = Fixtures.uniqueName("acct") + "@example.test";
        given().header("Authorization", owner.sign()).contentType(ContentType.JSON)   // raw token, no "Bearer"
                .body(Map.of("organizationName", "Example Org", "address", "Street 5", "phone", "12345670001", "email", email))
                .put("/api/v1/account")
                .then().statusCode(202).body("content.organizationName", equalTo("Example Org"))
                .body("content.phone", equalTo("12345670001")).body("content.email", equalTo(email));
        String pretty = given().header("Authorization", owner.bearer()).queryParam("indent", 2).get("/api/v1/account")
                .then().statusCode(200).body("meta.params.indent", equalTo(2)).extract().asString();
        org.assertj.core.api.Assertions.assertThat(pretty).contains("\n  \"content\"");

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("organizationName", "x", "phone", "123")).put("/api/v1/account")
                .then().statusCode(400).body("error.type", equalTo("Invalid Params")).body("error.field", equalTo("phone"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("organizationName", "x".repeat(101))).put("/api/v1/account")
                .then().statusCode(400).body("error.field", equalTo("organizationName"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("address", "a".repeat(201))).put("/api/v1/account")
                .then().statusCode(400).body("error.field", equalTo("address"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", "a".repeat(70) + "@x.io")).put("/api/v1/account")
                .then().statusCode(400).body("error.field", equalTo("email"));
        given().header("Authorization", owner.bearer()).get("/api/v1/account")
                .then().statusCode(200).body("content.organizationName", equalTo("Example Org"));

        // another account's email is a conflict
        TestTokens other = TestTokens.newUser();
        Fixtures.organization(other);
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON).body(Map.of("email", email))
                .put("/api/v1/account").then().statusCode(409).body("error.type", equalTo("Conflict"));

        given().options("/api/v1/account").then().statusCode(200).header("Allow", containsString("DELETE"));

        given().header("Authorization", owner.bearer()).delete("/api/v1/account").then().statusCode(202);
        given().header("Authorization", owner.bearer()).get("/api/v1/organizations/" + id).then().statusCode(404);
        given().header("Authorization", owner.bearer()).get("/api/v1/account").then().statusCode(404)
                .body("error.type", equalTo("Not Found"));
    }

    @Test
    void cloudListGetPatchAndOtherTenant() {
        String id = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).get("/v1/organizations")
                .then().statusCode(200).body("status", equalTo(200)).body("requestId", notNullValue())
                .body("result.id", hasItem(id));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Cloud Name", "privateEndpoints", Map.of("add",
                        List.of(Map.of("id", "pe-1", "description", "d", "cloudProvider", "aws", "region", "us-east-1")))))
                .patch("/v1/organizations/" + id)
                .then().statusCode(200).body("result.name", equalTo("Cloud Name"))
                .body("result.privateEndpoints[0].id", equalTo("pe-1"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("privateEndpoints", Map.of("remove", List.of(Map.of("id", "pe-1")))))
                .patch("/v1/organizations/" + id)
                .then().statusCode(200).body("result.privateEndpoints.size()", equalTo(0));
        given().header("Authorization", alice.bearer()).get("/v1/organizations/" + id)
                .then().statusCode(200).body("result.createdAt", notNullValue()).body("result.name", equalTo("Cloud Name"));

        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("name", ""))
                .patch("/v1/organizations/" + id).then().statusCode(400).body("error", containsString("name"));
        given().header("Authorization", mallory.bearer()).get("/v1/organizations/" + id)
                .then().statusCode(404).body("status", equalTo(404));
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .patch("/v1/organizations/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/v1/organizations")
                .then().statusCode(200).body("result.id", not(hasItem(id)));
    }

    @Test
    void apiKeyTokensReachTheirOrganizationThroughTheTokenRoles() {
        String id = Fixtures.organization(alice);
        TestTokens key = TestTokens.newUser().principalType("api_key").member(id, "developer");
        given().header("Authorization", key.bearer()).get("/v1/organizations")
                .then().statusCode(200).body("result.id", equalTo(List.of(id)));
        given().header("Authorization", key.bearer()).contentType(ContentType.JSON).body(Map.of("name", "nope"))
                .patch("/v1/organizations/" + id).then().statusCode(403);
    }
}
