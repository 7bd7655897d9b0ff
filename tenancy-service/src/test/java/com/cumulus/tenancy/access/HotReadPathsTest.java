package com.cumulus.tenancy.access;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The one-statement read paths (project pages, member lists: access check, rows and total together on the reactive
 * pool) against every way of holding, or not holding, access: membership roles, group roles, organization-defined
 * roles, membership states, token roles of API keys, platform admins, other tenants and unknown organizations.
 */
@QuarkusTest
class HotReadPathsTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    private static String projects(String org) {
        return "/api/v1/organizations/" + org + "/projects";
    }

    private static String members(String org) {
        return "/v1/organizations/" + org + "/members";
    }

    private String orgWithProjects(int count) {
        String org = Fixtures.organization(alice);
        for (int i = count - 1; i >= 0; i--) {
            given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("metadata", Map.of("name", "hp-" + i, "description", "d" + i,
                                    "tags", List.of(Map.of("name", "tier", "value", "t" + i))),
                            "spec", Map.of("groupIDs", i == 0 ? List.of("g1", "g2") : List.of())))
                    .post(projects(org)).then().statusCode(202);
        }
        return org;
    }

    @Test
    void projectPagesCarryTheFullBodyTheHeadersAndAStableOrder() {
        String org = orgWithProjects(5);
        given().header("Authorization", alice.bearer()).queryParam("page", 1).queryParam("limit", 2).get(projects(org))
                .then().statusCode(200)
                .header("X-Total-Count", "5").header("X-Page", "1").header("X-Limit", "2")
                .body("metadata.name", equalTo(List.of("hp-0", "hp-1")))
                .body("[0].metadata.description", equalTo("d0"))
                .body("[0].metadata.tags", equalTo(List.of(Map.of("name", "tier", "value", "t0"))))
                .body("[0].metadata.organizationId", equalTo(org))
                .body("[0].metadata.createdBy", equalTo(alice.subject()))
                .body("[0].metadata.creationTime", notNullValue())
                .body("[0].metadata.modifiedTime", nullValue())
                .body("[0].metadata.provisioningStatus", equalTo("provisioned"))
                .body("[0].metadata.healthStatus", equalTo("healthy"))
                .body("[0].spec.groupIDs", equalTo(List.of("g1", "g2")))
                .body("[1].spec.groupIDs", equalTo(List.of()));
        given().header("Authorization", alice.bearer()).queryParam("page", 3).queryParam("limit", 2).get(projects(org))
                .then().statusCode(200).header("X-Total-Count", "5").body("metadata.name", equalTo(List.of("hp-4")));
        given().header("Authorization", alice.bearer()).queryParam("page", 9).queryParam("limit", 2).get(projects(org))
                .then().statusCode(200).header("X-Total-Count", "5").header("X-Page", "9").body("size()", equalTo(0));
        given().header("Authorization", alice.bearer()).queryParam("page", 0).queryParam("limit", 0).get(projects(org))
                .then().statusCode(200).header("X-Page", "1").header("X-Limit", "1")
                .body("metadata.name", equalTo(List.of("hp-0")));
        given().header("Authorization", alice.bearer()).get(projects(org))
                .then().statusCode(200).header("X-Limit", "100").body("size()", equalTo(5));
        // every page together is the whole list, once
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            seen.addAll(given().header("Authorization", alice.bearer()).queryParam("page", page).queryParam("limit", 2)
                    .get(projects(org)).then().statusCode(200).extract().<List<String>>path("metadata.id"));
        }
        List<String> all = given().header("Authorization", alice.bearer()).get(projects(org)).then()
                .extract().path("metadata.id");
        assertThat(seen).containsExactlyElementsOf(all);
        // an empty organization: no items, total 0
        String empty = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).get(projects(empty))
                .then().statusCode(200).header("X-Total-Count", "0").body("size()", equalTo(0));
    }

    @Test
    void memberListsCarryProfilesRolesAndEveryState() {
        String org = Fixtures.organization(alice);
        TestTokens bob = TestTokens.newUser();
        Fixtures.member(alice, org, bob, "billing");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", "carol-" + org + "@example.test", "state", "pending",
                        "roles", List.of("developer", "reader"))))
                .post("/api/v1/organizations/" + org + "/users").then().statusCode(201);
        String carol = "carol-" + org + "@example.test";
        given().header("Authorization", alice.bearer()).get(members(org)).then().statusCode(200)
                .body("status", equalTo(200)).body("requestId", notNullValue())
                .body("result.userId", equalTo(List.of(alice.subject(), bob.subject(), carol)))
                .body("result[0].name", equalTo(alice.subject())).body("result[0].email", nullValue())
                .body("result[0].role", equalTo("admin")).body("result[0].joinedAt", notNullValue())
                .body("result[1].role", equalTo("billing"))
                .body("result[2].name", equalTo(carol)).body("result[2].email", equalTo(carol))
                .body("result[2].role", equalTo("developer"));
        // the same list in seed 001 users, with states and roles
        given().header("Authorization", bob.bearer()).get("/api/v1/organizations/" + org + "/users").then()
                .statusCode(200)
                .body("metadata.id", equalTo(List.of(alice.subject(), bob.subject(), carol)))
                .body("[2].spec.state", equalTo("pending")).body("[2].spec.roles", equalTo(List.of("developer", "reader")))
                .body("[2].metadata.name", equalTo(carol)).body("[0].metadata.organizationId", equalTo(org));
        // a pending member has no access
        given().header("Authorization", TestTokens.user(carol).bearer()).get(members(org)).then().statusCode(404);
        given().header("Authorization", TestTokens.user(carol).bearer()).get(projects(org)).then().statusCode(404);
    }

    @Test
    void otherTenantsUnknownOrganizationsAndLostMembershipsGetNothing() {
        String org = orgWithProjects(2);
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(projects(org)).then().statusCode(404)
                .body("metadata", nullValue());
        given().header("Authorization", mallory.bearer()).get(members(org)).then().statusCode(404)
                .body("status", equalTo(404)).body("result", nullValue());
        String unknown = UUID.randomUUID().toString();
        given().header("Authorization", alice.bearer()).get(projects(unknown)).then().statusCode(404);
        given().header("Authorization", alice.bearer()).get(members(unknown)).then().statusCode(404);
        given().header("Authorization", alice.bearer()).get(projects("not-a-uuid")).then().statusCode(404);
        given().header("Authorization", alice.bearer()).get(members("not-a-uuid")).then().statusCode(404);
        given().get(projects(org)).then().statusCode(401);
        given().get(members(org)).then().statusCode(401);

        // a suspended member, then a removed one
        TestTokens bob = TestTokens.newUser();
        Fixtures.member(alice, org, bob, "developer");
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(200).body("size()", equalTo(2));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "state", "suspended")))
                .put("/api/v1/organizations/" + org + "/users/" + bob.subject()).then().statusCode(200);
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(404);
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + org + "/users/" + bob.subject())
                .then().statusCode(204);
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(404);
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(404);
        // roles claimed in a user's token do not count: tenancy's tables decide
        given().header("Authorization", TestTokens.newUser().member(org, "admin").bearer()).get(projects(org))
                .then().statusCode(404);
    }

    @Test
    void groupAndOrganizationDefinedRolesDecideReadsAndForbiddenIs403() {
        String org = orgWithProjects(1);
        TestTokens bob = TestTokens.newUser();
        Fixtures.member(alice, org, bob, "reader");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Pusher", "permissions", List.of("notifications.write")))
                .patch("/orgs/" + org + "/roles/pusher").then().statusCode(200);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Lister", "permissions", List.of("projects.read")))
                .patch("/orgs/" + org + "/roles/lister").then().statusCode(200);
        String user = "/api/v1/organizations/" + org + "/users/" + bob.subject();

        // an organization-defined role without read permissions: 403 (a member, so not 404)
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "roles", List.of("pusher")))).put(user)
                .then().statusCode(200);
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(403);
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(403);

        // one that grants projects.read only
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "roles", List.of("lister")))).put(user)
                .then().statusCode(200);
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(200)
                .body("metadata.name", equalTo(List.of("hp-0")));
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(403);

        // a group listing bob adds its roles to his membership's
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "readers"),
                        "spec", Map.of("userIDs", List.of(bob.subject()), "roleIDs", List.of("reader"))))
                .post("/api/v1/organizations/" + org + "/groups").then().statusCode(201);
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(200)
                .body("result.userId", equalTo(List.of(alice.subject(), bob.subject())));
        // but a group alone, without an active membership, gives nothing
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", bob.subject(), "state", "suspended"))).put(user)
                .then().statusCode(200);
        given().header("Authorization", bob.bearer()).get(members(org)).then().statusCode(404);
        given().header("Authorization", bob.bearer()).get(projects(org)).then().statusCode(404);
    }

    @Test
    void tokenRolesOfApiKeysAndPlatformAdmins() {
        String org = orgWithProjects(1);
        TestTokens key = TestTokens.newUser().principalType("api_key").member(org, "reader");
        given().header("Authorization", key.bearer()).get(projects(org)).then().statusCode(200)
                .body("metadata.name", equalTo(List.of("hp-0")));
        given().header("Authorization", key.bearer()).get(members(org)).then().statusCode(200)
                .body("result.userId", equalTo(List.of(alice.subject())));
        String other = Fixtures.organization(mallory);
        given().header("Authorization", key.bearer()).get(projects(other)).then().statusCode(404);
        given().header("Authorization", key.bearer()).get(members(other)).then().statusCode(404);
        String unknown = UUID.randomUUID().toString();
        TestTokens stale = TestTokens.newUser().principalType("api_key").member(unknown, "admin");
        given().header("Authorization", stale.bearer()).get(projects(unknown)).then().statusCode(404);
        given().header("Authorization", stale.bearer()).get(members(unknown)).then().statusCode(404);

        TestTokens admin = TestTokens.newUser().platformAdmin();
        given().header("Authorization", admin.bearer()).get(projects(org)).then().statusCode(200)
                .header("X-Total-Count", "1").body("metadata.name", equalTo(List.of("hp-0")));
        given().header("Authorization", admin.bearer()).get(members(org)).then().statusCode(200)
                .body("result.userId", equalTo(List.of(alice.subject())));
        given().header("Authorization", admin.bearer()).get(projects(unknown)).then().statusCode(404);
        given().header("Authorization", admin.bearer()).get(members(unknown)).then().statusCode(404);
    }
}
