package com.cumulus.catalog.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.token;
import static com.cumulus.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Common's Idempotency-Key handling (docs/idempotency.md), exercised on seed 002's POST /apps/{org}. */
@QuarkusTest
class IdempotencyKeyTest {

    private static Response createApp(String token, String org, String name, String key) {
        return given().header("Authorization", token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name, "title", "App " + name, "app_type", "development"))
                .post("/apps/" + org);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerWithoutItsSecretAndCreatesNothing() {
        String org = newOrg();
        String dev = token(org, "developer");
        String key = UUID.randomUUID().toString();
        String name = unique("app");
        Response first = createApp(dev, org, name, key);
        first.then().statusCode(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(first.jsonPath().getString("client_secret")).isNotBlank();

        Response retry = createApp(dev, org, name, key);
        retry.then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.jsonPath().getString("id")))
                .body("client_id", equalTo(first.jsonPath().getString("client_id")))
                .body("name", equalTo(name))
                .body("client_secret", nullValue());

        // without the key the same request really runs again, and the app exists once: the name is taken
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("name", name, "title", "again", "app_type", "development"))
                .post("/apps/" + org).then().statusCode(409);
    }

    @Test
    void theSameKeyOnAnotherRequestIs422AndRunsNothing() {
        String org = newOrg();
        String dev = token(org, "developer");
        String key = UUID.randomUUID().toString();
        createApp(dev, org, unique("app"), key).then().statusCode(201);
        String otherOrg = newOrg();
        String admin = token(org, "admin");
        // another path, same principal and key
        given().header("Authorization", dev).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "x")).post("/apps/" + org + "/nope/credentials")
                .then().statusCode(422).body("message", hasItem(containsString("Idempotency-Key")));
        // another principal (even of the same organization) has its own keys
        String second = unique("app");
        createApp(admin, org, second, key).then().statusCode(201);
        given().header("Authorization", admin).get("/apps/" + org + "/" + second).then().statusCode(200);
        // and a member of another organization reusing the key gets nothing of the first answer
        String stranger = token(otherOrg, "developer");
        createApp(stranger, otherOrg, second, key).then().statusCode(201)
                .body("org_url", containsString(otherOrg))
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void anErrorAnswerIsNotKeptSoACorrectedRetryRuns() {
        String org = newOrg();
        String dev = token(org, "developer");
        String key = UUID.randomUUID().toString();
        given().header("Authorization", dev).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("title", "no name")).post("/apps/" + org).then().statusCode(400);
        String name = unique("app");
        createApp(dev, org, name, key).then().statusCode(201).body("name", equalTo(name))
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void anInvalidKeyIs400NamingTheHeader() {
        String org = newOrg();
        String dev = token(org, "developer");
        String name = unique("app");
        createApp(dev, org, name, "has spaces in it").then().statusCode(400)
                .body("message", hasItem(containsString("Idempotency-Key")));
        createApp(dev, org, name, "k".repeat(256)).then().statusCode(400);
        given().header("Authorization", dev).get("/apps/" + org + "/" + name).then().statusCode(404);
    }

    @Test
    void concurrentRetriesRunTheRequestOnce() throws Exception {
        String org = newOrg();
        String dev = token(org, "developer");
        String key = UUID.randomUUID().toString();
        String name = unique("app");
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> createApp(dev, org, name, key), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                Response response = call.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 201) {
                    ids.add(response.jsonPath().getString("id"));
                }
            }
            // each answer is the one execution (201, the same id) or "still in progress" (409); never a second app
            assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
            assertThat(ids).hasSizeGreaterThanOrEqualTo(1).allMatch(ids.get(0)::equals);
        } finally {
            pool.shutdownNow();
        }
        createApp(dev, org, name, key).then().statusCode(201).header("Idempotent-Replayed", "true");
    }
}
