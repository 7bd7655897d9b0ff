package com.cumulus.tenancy.member;

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
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Members through seeds 001 (users), 002 (members/associates), 003 (role lists) and 004 (members). */
@QuarkusTest
class MembersResourceTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens bob = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Test
    void identityUsersAddListUpdateDelete() {
        String org = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "state", "pending", "roles", List.of("developer"))))
                .post("/api/v1/organizations/" + org + "/users")
                .then().statusCode(201).body("spec.state", equalTo("pending")).body("metadata.id", equalTo(bob.subject()));
        // pending members have no access yet
        given().header("Authorization", bob.bearer()).get("/api/v1/organizations/" + org).then().statusCode(404);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "state", "active")))
                .put("/api/v1/organizations/" + org + "/users/" + bob.subject())
                .then().statusCode(200).body("spec.state", equalTo("active")).body("spec.roles", equalTo(List.of("developer")));
        given().header("Authorization", bob.bearer()).get("/api/v1/organizations/" + org + "/users")
                .then().statusCode(200).body("metadata.id", hasItems(alice.subject(), bob.subject()));
        given().header("Authorization", bob.bearer()).delete("/api/v1/organizations/" + org + "/users/" + alice.subject())
                .then().statusCode(403);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "state", "sleeping")))
                .put("/api/v1/organizations/" + org + "/users/" + bob.subject())
                .then().statusCode(400).body("field", equalTo("spec.state"));
        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + org + "/users/" + alice.subject())
                .then().statusCode(409);
        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + org + "/users/" + bob.subject())
                .then().statusCode(204);
        given().header("Authorization", bob.bearer()).get("/api/v1/organizations/" + org + "/users").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/users").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", mallory.subject())))
                .post("/api/v1/organizations/" + org + "/users").then().statusCode(404);
    }

    @Test
    void cloudMembersListGetPatchDelete() {
        String org = Fixtures.organization(alice);
        Fixtures.member(alice, org, bob, "developer");
        String base = "/v1/organizations/" + org + "/members";
        given().header("Authorization", alice.bearer()).get(base)
                .then().statusCode(200).body("result.userId", hasItems(alice.subject(), bob.subject()))
                .body("result.find { it.userId == '" + bob.subject() + "' }.role", equalTo("developer"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch(base + "/" + bob.subject()).then().statusCode(200).body("result.role", equalTo("admin"));
        given().header("Authorization", alice.bearer()).get(base + "/" + bob.subject())
                .then().statusCode(200).body("result.role", equalTo("admin")).body("result.joinedAt", notNullValue());
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .patch(base + "/" + bob.subject()).then().statusCode(400).body("error", containsString("role"));
        given().header("Authorization", mallory.bearer()).get(base).then().statusCode(404).body("status", equalTo(404));
        given().header("Authorization", mallory.bearer()).get(base + "/" + bob.subject()).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(base + "/" + bob.subject()).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete(base + "/" + bob.subject())
                .then().statusCode(200).body("status", equalTo(200));
        given().header("Authorization", alice.bearer()).get(base + "/" + bob.subject()).then().statusCode(404);
    }

    @Test
    void accountRoleListsAndConnectMembers() {
        String org = Fixtures.organization(alice);
        Fixtures.member(alice, org, bob, "billing");
        given().header("Authorization", alice.bearer()).get("/api/v1/admins")
                .then().statusCode(200).body("content.id", equalTo(List.of(alice.subject())))
                .body("content[0].role", equalTo("admin"));
        given().header("Authorization", alice.bearer()).get("/api/v1/billings")
                .then().statusCode(200).body("content.id", equalTo(List.of(bob.subject())));
        given().header("Authorization", alice.bearer()).get("/api/v1/developers")
                .then().statusCode(200).body("content.size()", equalTo(0));
        given().options("/api/v1/admins").then().statusCode(200).header("Allow", containsString("GET"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get("/api/v1/billings")
                .then().statusCode(200).body("content.id", not(hasItem(bob.subject())));

        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/members/" + bob.subject())
                .then().statusCode(200).body("type", equalTo("member")).body("api_version", equalTo("2.0.0"))
                .body("role_urls", equalTo(List.of("/orgs/" + org + "/roles/billing")));
        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/associates/" + bob.subject())
                .then().statusCode(200).body("type", equalTo("associate"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("role_urls", List.of("/orgs/" + org + "/roles/developer"), "state", "enabled"))
                .patch("/orgs/" + org + "/members/" + bob.subject())
                .then().statusCode(200).body("role_urls", equalTo(List.of("/orgs/" + org + "/roles/developer")));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("role_urls", List.of("/orgs/" + org + "/roles/wizard")))
                .patch("/orgs/" + org + "/members/" + bob.subject()).then().statusCode(400).body("field", equalTo("roles"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("state", "gone"))
                .patch("/orgs/" + org + "/members/" + bob.subject()).then().statusCode(400).body("field", equalTo("state"));
        given().header("Authorization", mallory.bearer()).get("/orgs/" + org + "/members/" + bob.subject()).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/orgs/" + org + "/associates/" + bob.subject()).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete("/orgs/" + org + "/members/" + bob.subject()).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete("/orgs/" + org + "/members/" + bob.subject())
                .then().statusCode(200).body("id", equalTo(bob.subject()));
        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/members/" + bob.subject()).then().statusCode(404);
    }
}
