package com.cumulus.tenancy.access;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Seed 001 groups, roles and ACL views; seed 002 permission catalogue. */
@QuarkusTest
class AccessResourcesTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens bob = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Test
    void groupRolesAddToMemberPermissionsAndShowInTheAcl() {
        String org = Fixtures.organization(alice);
        Fixtures.member(alice, org, bob, "reader");
        String acl = "/api/v1/organizations/" + org + "/acl";
        given().header("Authorization", bob.bearer()).get(acl).then().statusCode(200)
                .body("organization.id", equalTo(org))
                .body("organization.endpoints.find { it.name == 'projects' }.operations", equalTo(List.of("read")));
        String groups = "/api/v1/organizations/" + org + "/groups";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "builders"),
                        "spec", Map.of("userIDs", List.of(bob.subject()), "roleIDs", List.of("developer"))))
                .post(groups).then().statusCode(201).body("metadata.name", equalTo("builders"))
                .extract().path("metadata.id");
        given().header("Authorization", bob.bearer()).get(acl).then().statusCode(200)
                .body("organization.endpoints.find { it.name == 'projects' }.operations", hasItems("create", "read", "update"));
        given().header("Authorization", bob.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "built-by-group", "org_id", org)).post("/console/projects").then().statusCode(200);
        given().header("Authorization", alice.bearer()).get(groups + "/" + id).then().statusCode(200)
                .body("spec.userIDs", equalTo(List.of(bob.subject())));
        given().header("Authorization", alice.bearer()).get(groups).then().statusCode(200).body("metadata.id", hasItem(id));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "builders"), "spec", Map.of("userIDs", List.of(), "roleIDs", List.of("developer"))))
                .put(groups + "/" + id).then().statusCode(200).body("spec.userIDs.size()", equalTo(0));
        given().header("Authorization", bob.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "no-longer", "org_id", org)).post("/console/projects").then().statusCode(403);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "wizards"), "spec", Map.of("roleIDs", List.of("wizard"))))
                .post(groups).then().statusCode(400).body("field", equalTo("spec.roleIDs"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "Bad Name")))
                .post(groups).then().statusCode(400).body("field", equalTo("metadata.name"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/roles").then().statusCode(200)
                .body("metadata.name", equalTo(List.of("admin", "billing", "developer", "reader")));

        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(acl).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(groups).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(groups + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "x"))).post(groups).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "x"))).put(groups + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(groups + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/roles").then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete(groups + "/" + id).then().statusCode(204);
        given().header("Authorization", alice.bearer()).get(groups + "/" + id).then().statusCode(404);
    }

    @Test
    void organizationDefinedRolesGrantTheirPermissions() {
        String org = Fixtures.organization(alice);
        Fixtures.member(alice, org, bob, "reader");
        String role = "/orgs/" + org + "/roles/auditor";
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Auditor", "permissions", List.of("activities.read", "projects.read", "projects.create")))
                .patch(role).then().statusCode(200).body("type", equalTo("role")).body("name", equalTo("auditor"))
                .body("permissions", equalTo(List.of("activities.read", "projects.create", "projects.read")));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "roles", List.of("auditor"))))
                .put("/api/v1/organizations/" + org + "/users/" + bob.subject()).then().statusCode(200);
        given().header("Authorization", bob.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "by-auditor", "org_id", org)).post("/console/projects").then().statusCode(200);
        given().header("Authorization", bob.bearer()).delete("/api/v1/organizations/" + org).then().statusCode(403);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/orgs/" + org + "/roles/admin").then().statusCode(409);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of("launch.missiles"))).patch(role)
                .then().statusCode(400).body("field", equalTo("permissions"));
        given().header("Authorization", alice.bearer()).delete(role).then().statusCode(409);
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch(role).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(role).then().statusCode(404);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "roles", List.of("reader"))))
                .put("/api/v1/organizations/" + org + "/users/" + bob.subject()).then().statusCode(200);
        given().header("Authorization", alice.bearer()).delete(role).then().statusCode(200).body("name", equalTo("auditor"));
        given().header("Authorization", alice.bearer()).delete(role).then().statusCode(404);
    }

    @Test
    void globalAclAndPermissionCatalogue() {
        given().header("Authorization", alice.bearer()).get("/api/v1/acl").then().statusCode(200)
                .body("global.endpoints.size()", equalTo(0));
        given().header("Authorization", TestTokens.newUser().platformAdmin().bearer()).get("/api/v1/acl").then().statusCode(200)
                .body("global.endpoints.name", hasItems("organizations", "projects"));
        given().header("Authorization", alice.bearer()).get("/consumer/permissions").then().statusCode(200)
                .body("name", hasItems("projects.create", "projects.delete", "app.manage"))
                .body("api_version", hasItem("2.0.0"));
        given().header("Authorization", alice.bearer()).get("/consumer/permissions/org/projects.create").then().statusCode(200)
                .body("scope", equalTo("org"));
        given().header("Authorization", alice.bearer()).get("/consumer/permissions/consumer/app.manage").then().statusCode(200)
                .body("scope", equalTo("consumer"));
        given().header("Authorization", alice.bearer()).get("/consumer/permissions/consumer/projects.create")
                .then().statusCode(404).body("status", equalTo(404));
        given().get("/consumer/permissions").then().statusCode(401);
        given().header("Authorization", alice.bearer()).get("/consumer/permissions").then()
                .body("scope", not(hasItem("global")));
    }
}
