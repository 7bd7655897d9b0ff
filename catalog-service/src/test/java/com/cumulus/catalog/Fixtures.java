package com.cumulus.catalog;

import com.cumulus.catalog.project.domain.ProjectRef;
import com.cumulus.common.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Organizations, members and apps for the resource tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String newOrg() {
        return UUID.randomUUID().toString();
    }

    public static String token(String org, String... roles) {
        return TestTokens.newUser().member(org, roles).bearer();
    }

    /** A member of a brand-new organization (an outsider for every other test organization). */
    public static String outsider() {
        return token(newOrg(), "admin");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static JsonPath createApp(String token, String org, String name) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "title", "App " + name, "app_type", "development"))
                .post("/apps/" + org).then().statusCode(201).extract().jsonPath();
    }

    /** A project of the organization in catalog's projection (as tenancy's project.created would leave it). */
    public static String project(String org) {
        ProjectRef ref = new ProjectRef();
        ref.projectId = UUID.randomUUID().toString().replace("-", "");
        ref.organizationId = org;
        ref.name = "project " + ref.projectId;
        ref.updatedAt = Instant.now();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(ref::persist));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return ref.projectId;
    }
}
