package com.cumulus.tenancy.quota;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Seed 001 quotas and the internal quota-reservation contract. */
@QuarkusTest
class QuotaResourcesTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @TestHTTPResource("/")
    URI base;

    private static String quota(String kind, int quantity) {
        return "{\"quotas\":[{\"kind\":\"" + kind + "\",\"quantity\":" + quantity + "}]}";
    }

    @Test
    void quotasReadAndSetWithValidationAndOtherTenant() {
        String org = Fixtures.organization(alice);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().statusCode(200)
                .body("quotas.find { it.kind == 'services' }.quantity", equalTo(20))
                .body("quotas.find { it.kind == 'projects' }.default", equalTo(100))
                .body("quotas.find { it.kind == 'memory_gb' }.free", equalTo(1440));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(quota("services", 3))
                .put("/api/v1/organizations/" + org + "/quotas")
                .then().statusCode(200).body("quotas.find { it.kind == 'services' }.quantity", equalTo(3));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(quota("gpus", 3))
                .put("/api/v1/organizations/" + org + "/quotas")
                .then().statusCode(400).body("field", equalTo("quotas[0].kind"));
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/quotas").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(quota("services", 99))
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(404);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().body("quotas.find { it.kind == 'services' }.quantity", equalTo(3));
    }

    @Test
    void reservationsAreIdempotentReleasableAndRefusedOverQuota() {
        String org = Fixtures.organization(alice);
        String path = "/internal/organizations/" + org + "/quota-reservations";
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(quota("services", 1))
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(200);
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", "svc-1")).post(path)
                .then().statusCode(201).body("kind", equalTo("services")).body("quantity", equalTo(1))
                .extract().path("reservationId");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", "svc-1")).post(path)
                .then().statusCode(200).body("reservationId", equalTo(id));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", "svc-2")).post(path)
                .then().statusCode(409);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 0, "reference", "svc-3")).post(path)
                .then().statusCode(400).body("field", equalTo("quantity"));
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", "svc-9")).post(path).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(path + "/svc-1").then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete(path + "/svc-1").then().statusCode(204);
        given().header("Authorization", alice.bearer()).delete(path + "/svc-1").then().statusCode(204);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", "svc-2")).post(path).then().statusCode(201);
    }

    @Test
    void twoHundredConcurrentReservationsGrantExactlyTheQuota() {
        String org = Fixtures.organization(alice);
        int quota = 37;
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(quota("services", quota))
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(200);
        String token = alice.bearer();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = base.resolve("internal/organizations/" + org + "/quota-reservations");
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 200).mapToObj(i -> http.sendAsync(
                HttpRequest.newBuilder(uri).header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"kind\":\"services\",\"quantity\":1,\"reference\":\"svc-" + i + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)).toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(quota);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(200 - quota);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().body("quotas.find { it.kind == 'services' }.used", equalTo(quota))
                .body("quotas.find { it.kind == 'services' }.free", equalTo(0));
    }
}
