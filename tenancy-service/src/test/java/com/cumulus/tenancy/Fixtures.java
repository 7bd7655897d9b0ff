package com.cumulus.tenancy;

import com.cumulus.common.testing.TestTokens;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers: organizations created through the API by real tokens. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an organization through seed 001; the token's user becomes its admin. Returns its id. */
    public static String organization(TestTokens admin) {
        return given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", uniqueName("org")), "spec", Map.of("organizationType", "adhoc")))
                .post("/api/v1/organizations")
                .then().statusCode(202).extract().path("metadata.id");
    }

    /** Adds a member with a role through seed 001 users. */
    public static void member(TestTokens admin, String organizationId, TestTokens user, String role) {
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("spec", Map.of("subject", user.subject(), "state", "active",
                        "roles", java.util.List.of(role))))
                .post("/api/v1/organizations/" + organizationId + "/users")
                .then().statusCode(201);
    }
}
