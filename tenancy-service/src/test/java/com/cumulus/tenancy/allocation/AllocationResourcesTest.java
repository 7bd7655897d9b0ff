package com.cumulus.tenancy.allocation;

import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Seed 001 allocations: CRUD, quota accounting (used/free/committed/reserved), atomic refusal, tenant walls, events. */
@QuarkusTest
class AllocationResourcesTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/")
    URI base;

    static String body(String name, String kind, int committed, int reserved) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"kind\":\"cluster\",\"id\":\"c-" + name
                + "\",\"allocations\":[{\"kind\":\"" + kind + "\",\"committed\":" + committed + ",\"reserved\":"
                + reserved + "}]}}";
    }

    static String project(TestTokens admin, String org) {
        return given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", Fixtures.uniqueName("p"))))
                .post("/api/v1/organizations/" + org + "/projects").then().statusCode(202).extract().path("metadata.id");
    }

    static void setQuota(TestTokens admin, String org, String kind, int quantity) {
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body("{\"quotas\":[{\"kind\":\"" + kind + "\",\"quantity\":" + quantity + "}]}")
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(200);
    }

    @Test
    void crudCountsInQuotasAndPublishesEvents() {
        String org = Fixtures.organization(alice);
        String project = project(alice, org);
        String path = "/api/v1/organizations/" + org + "/projects/" + project + "/allocations";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"metadata\":{\"name\":\"cluster-a\",\"description\":\"d\",\"tags\":[{\"name\":\"env\",\"value\":\"prod\"}]},"
                        + "\"spec\":{\"kind\":\"kubernetescluster\",\"id\":\"k-1\",\"allocations\":["
                        + "{\"kind\":\"memory_gb\",\"committed\":96,\"reserved\":48},{\"kind\":\"services\",\"committed\":2,\"reserved\":1}]}}")
                .post(path).then().statusCode(201)
                .body("metadata.name", equalTo("cluster-a")).body("metadata.organizationId", equalTo(org))
                .body("metadata.projectId", equalTo(project)).body("metadata.tags[0].value", equalTo("prod"))
                .body("spec.kind", equalTo("kubernetescluster")).body("spec.id", equalTo("k-1"))
                .body("spec.allocations.find { it.kind == 'memory_gb' }.reserved", equalTo(48))
                .extract().path("metadata.id");

        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas").then().statusCode(200)
                .body("quotas.find { it.kind == 'memory_gb' }.used", equalTo(144))
                .body("quotas.find { it.kind == 'memory_gb' }.committed", equalTo(96))
                .body("quotas.find { it.kind == 'memory_gb' }.reserved", equalTo(48))
                .body("quotas.find { it.kind == 'memory_gb' }.free", equalTo(1440 - 144))
                .body("quotas.find { it.kind == 'services' }.used", equalTo(3))
                // the project itself holds one unit of the projects quota
                .body("quotas.find { it.kind == 'projects' }.used", equalTo(1));

        given().header("Authorization", alice.bearer()).get(path + "/" + id).then().statusCode(200)
                .body("metadata.id", equalTo(id)).body("metadata.description", equalTo("d"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/allocations")
                .then().statusCode(200).header("X-Total-Count", "1").body("", hasSize(1))
                .body("[0].metadata.id", equalTo(id));

        // update: only the difference is taken from / given back to the quotas
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("cluster-a", "memory_gb", 24, 0)).put(path + "/" + id).then().statusCode(200)
                .body("spec.allocations", hasSize(1)).body("spec.allocations[0].committed", equalTo(24));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas").then()
                .body("quotas.find { it.kind == 'memory_gb' }.used", equalTo(24))
                .body("quotas.find { it.kind == 'memory_gb' }.reserved", equalTo(0))
                .body("quotas.find { it.kind == 'services' }.used", equalTo(0));

        // a second allocation with the same name in the project -> 409
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("cluster-a", "services", 1, 0)).post(path).then().statusCode(409)
                .body("error", equalTo("conflict"));

        given().header("Authorization", alice.bearer()).delete(path + "/" + id).then().statusCode(202);
        given().header("Authorization", alice.bearer()).get(path + "/" + id).then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas").then()
                .body("quotas.find { it.kind == 'memory_gb' }.used", equalTo(0));

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            var task = kafka.consumeStrings().fromTopics("tenancy.events");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(task.getRecords().stream()
                    .filter(r -> id.equals(r.key())).map(r -> codec.read(r.value())).map(e -> e.type()).toList())
                    .containsExactly("com.cumulus.tenancy.allocation.created.v1",
                            "com.cumulus.tenancy.allocation.updated.v1", "com.cumulus.tenancy.allocation.deleted.v1"));
            var created = task.getRecords().stream().filter(r -> id.equals(r.key())).map(r -> codec.read(r.value()))
                    .findFirst().orElseThrow();
            assertThat(created.data().get("projectId").asText()).isEqualTo(project);
            assertThat(created.data().get("organizationId").asText()).isEqualTo(org);
            assertThat(created.data().get("allocations").size()).isEqualTo(2);
            task.stop();
        }
    }

    @Test
    void overQuotaIsRefusedWithoutWritingAndDeletingTheProjectGivesItBack() {
        String org = Fixtures.organization(alice);
        String project = project(alice, org);
        String path = "/api/v1/organizations/" + org + "/projects/" + project + "/allocations";
        setQuota(alice, org, "services", 5);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("a1", "services", 3, 1)).post(path).then().statusCode(201);
        // two kinds, the second over quota: nothing of the first is taken either
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"metadata\":{\"name\":\"a2\"},\"spec\":{\"kind\":\"cluster\",\"id\":\"c2\",\"allocations\":["
                        + "{\"kind\":\"memory_gb\",\"committed\":10,\"reserved\":0},{\"kind\":\"services\",\"committed\":2,\"reserved\":0}]}}")
                .post(path).then().statusCode(409).body("error", equalTo("conflict"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas").then()
                .body("quotas.find { it.kind == 'memory_gb' }.used", equalTo(0))
                .body("quotas.find { it.kind == 'services' }.used", equalTo(4));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/allocations")
                .then().body("", hasSize(1));
        // lowering the quota below what allocations hold is refused
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"quotas\":[{\"kind\":\"services\",\"quantity\":3}]}")
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(409);

        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + org + "/projects/" + project)
                .then().statusCode(202);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas").then()
                .body("quotas.find { it.kind == 'services' }.used", equalTo(0))
                .body("quotas.find { it.kind == 'services' }.reserved", equalTo(0))
                .body("quotas.find { it.kind == 'projects' }.used", equalTo(0));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/allocations")
                .then().body("", hasSize(0));
    }

    @Test
    void validationNamesTheField() {
        String org = Fixtures.organization(alice);
        String project = project(alice, org);
        String path = "/api/v1/organizations/" + org + "/projects/" + project + "/allocations";
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("bad", "gpus", 1, 0)).post(path).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("spec.allocations[0].kind"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("neg", "services", -1, 0)).post(path).then().statusCode(400)
                .body("field", equalTo("spec.allocations[0].committed"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("Not A Label", "services", 1, 0)).post(path).then().statusCode(400)
                .body("field", equalTo("metadata.name"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"metadata\":{\"name\":\"nospec\"}}").post(path).then().statusCode(400)
                .body("field", equalTo("spec"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"metadata\":{\"name\":\"dup\"},\"spec\":{\"kind\":\"c\",\"id\":\"1\",\"allocations\":["
                        + "{\"kind\":\"services\",\"committed\":1,\"reserved\":0},{\"kind\":\"services\",\"committed\":1,\"reserved\":0}]}}")
                .post(path).then().statusCode(400).body("field", equalTo("spec.allocations[1].kind"));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/allocations")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void otherTenantsGet404AndReadersCannotWrite() {
        String org = Fixtures.organization(alice);
        String project = project(alice, org);
        String path = "/api/v1/organizations/" + org + "/projects/" + project + "/allocations";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("mine", "services", 1, 0)).post(path).then().statusCode(201).extract().path("metadata.id");

        String malloryOrg = Fixtures.organization(mallory);
        String malloryProject = project(mallory, malloryOrg);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/allocations")
                .then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(path + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(body("mine", "services", 9, 0)).put(path + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(path + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(body("theirs", "services", 1, 0)).post(path).then().statusCode(404);
        // alice's allocation through mallory's organization/project path: 404 too
        given().header("Authorization", mallory.bearer())
                .get("/api/v1/organizations/" + malloryOrg + "/projects/" + malloryProject + "/allocations/" + id)
                .then().statusCode(404);
        // a project of another organization under alice's organization path
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(body("x", "services", 1, 0))
                .post("/api/v1/organizations/" + org + "/projects/" + malloryProject + "/allocations").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + malloryOrg + "/allocations")
                .then().statusCode(200).body("", hasSize(0));

        TestTokens reader = TestTokens.newUser();
        Fixtures.member(alice, org, reader, "reader");
        given().header("Authorization", reader.bearer()).get(path + "/" + id).then().statusCode(200);
        given().header("Authorization", reader.bearer()).contentType(ContentType.JSON)
                .body(body("r", "services", 1, 0)).post(path).then().statusCode(403).body("error", equalTo("access_denied"));
        given().header("Authorization", reader.bearer()).delete(path + "/" + id).then().statusCode(403);
        given().header("Authorization", alice.bearer()).get(path + "/" + id).then().statusCode(200)
                .body("spec.allocations[0].committed", equalTo(1));
    }

    @Test
    void twoHundredConcurrentAllocationsGrantExactlyTheQuota() {
        String org = Fixtures.organization(alice);
        String project = project(alice, org);
        int quota = 41;
        setQuota(alice, org, "services", quota);
        String token = alice.bearer();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = base.resolve("api/v1/organizations/" + org + "/projects/" + project + "/allocations");
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 200).mapToObj(i -> http.sendAsync(
                HttpRequest.newBuilder(uri).header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body("c" + i, "services", 1, 0))).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)).toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(quota);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(200 - quota);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().body("quotas.find { it.kind == 'services' }.used", equalTo(quota))
                .body("quotas.find { it.kind == 'services' }.free", equalTo(0));
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/allocations?limit=500")
                .then().header("X-Total-Count", String.valueOf(quota));
    }
}
