package com.cumulus.tenancy.project;

import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** One project row through seeds 000 (/console/projects), 001 (/organizations/{id}/projects) and 003 (/api/v1/projects). */
@QuarkusTest
class ProjectResourcesTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @Inject
    Pool pool;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private Map<String, Object> consoleBody(String org, String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("org_id", org);
        b.put("customer_id", "cust-1");
        b.put("status", "active");
        b.put("plan", "free");
        b.put("template_id", "tpl-42");
        b.put("description", "d");
        return b;
    }

    @Test
    void consoleCrudWithTemplateEventProfileAndUsers() {
        String org = Fixtures.organization(alice);
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(consoleBody(org, "Console One")).post("/console/projects")
                .then().statusCode(200).body("customer_id", equalTo("cust-1")).body("template_id", equalTo("tpl-42"))
                .body("org_id", equalTo(org)).body("creation_date", notNullValue()).extract().path("id");
        given().header("Authorization", alice.bearer()).get("/console/projects/" + id)
                .then().statusCode(200).body("plan", equalTo("free")).body("status", equalTo("active"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("plan", "pro", "status", "inactive")).put("/console/projects/" + id)
                .then().statusCode(200).body("plan", equalTo("pro")).body("status", equalTo("inactive"))
                .body("name", equalTo("Console One"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .put("/console/projects/" + id + "/profile").then().statusCode(200).body("name", equalTo("Renamed"));
        given().header("Authorization", alice.bearer()).get("/console/projects/" + id + "/profile")
                .then().statusCode(200).body("name", equalTo("Renamed")).body("org_id", equalTo(org));
        given().header("Authorization", alice.bearer()).get("/console/projects/" + id + "/users")
                .then().statusCode(200).body("user_id", hasItem(alice.subject()));

        // the same row in seeds 001 and 003
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/projects/" + id)
                .then().statusCode(200).body("metadata.name", equalTo("Renamed"));
        given().header("Authorization", alice.bearer()).get("/api/v1/projects/" + id)
                .then().statusCode(200).body("content.name", equalTo("Renamed")).body("content.userUsed", equalTo(0)).body("content.userLimit", equalTo(10));

        // project.created carries the template id (provisioning deploys it)
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            var task = kafka.consumeStrings().fromTopics("tenancy.events");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(task.getRecords().stream()
                    .filter(r -> id.equals(r.key())).map(r -> codec.read(r.value()))
                    .filter(e -> e.type().equals("com.cumulus.tenancy.project.created.v1"))
                    .map(e -> e.data().get("templateId").asText()).toList()).containsExactly("tpl-42"));
            task.stop();
        }

        given().header("Authorization", alice.bearer()).delete("/console/projects/" + id).then().statusCode(200);
        given().header("Authorization", alice.bearer()).get("/console/projects/" + id).then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void consolePermissionsValidationAndOtherTenant() {
        String org = Fixtures.organization(alice);
        TestTokens reader = TestTokens.newUser();
        Fixtures.member(alice, org, reader, "reader");
        TestTokens dev = TestTokens.newUser();
        Fixtures.member(alice, org, dev, "developer");
        given().header("Authorization", reader.bearer()).contentType(ContentType.JSON).body(consoleBody(org, "nope"))
                .post("/console/projects").then().statusCode(403).body("error", equalTo("access_denied"));
        String id = given().header("Authorization", dev.bearer()).contentType(ContentType.JSON).body(consoleBody(org, "dev-made"))
                .post("/console/projects").then().statusCode(200).extract().path("id");
        given().header("Authorization", dev.bearer()).delete("/console/projects/" + id).then().statusCode(403);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(consoleBody(org, "dev-made"))
                .post("/console/projects").then().statusCode(409);
        Map<String, Object> bad = consoleBody(org, "x".repeat(71));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(bad)
                .post("/console/projects").then().statusCode(400).body("field", equalTo("name"));
        Map<String, Object> badStatus = consoleBody(org, "status-bad");
        badStatus.put("status", "exploded");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(badStatus)
                .post("/console/projects").then().statusCode(400).body("field", equalTo("status"));

        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get("/console/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put("/console/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete("/console/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/console/projects/" + id + "/profile").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put("/console/projects/" + id + "/profile").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/console/projects/" + id + "/users").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(consoleBody(org, "intruder"))
                .post("/console/projects").then().statusCode(404);
        given().header("Authorization", alice.bearer()).get("/console/projects/" + id).then().statusCode(200)
                .body("name", equalTo("dev-made"));
    }

    @Test
    void identityDialectPagingIsStableAndClamped() {
        String org = Fixtures.organization(alice);
        for (int i = 0; i < 7; i++) {
            given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("metadata", Map.of("name", "p-" + i), "spec", Map.of("groupIDs", List.of())))
                    .post("/api/v1/organizations/" + org + "/projects").then().statusCode(202)
                    .body("metadata.organizationId", equalTo(org));
        }
        given().header("Authorization", alice.bearer()).queryParam("page", 2).queryParam("limit", 3)
                .get("/api/v1/organizations/" + org + "/projects")
                .then().statusCode(200).header("X-Total-Count", "7")
                .body("metadata.name", equalTo(List.of("p-3", "p-4", "p-5")));
        given().header("Authorization", alice.bearer()).queryParam("limit", 100000)
                .get("/api/v1/organizations/" + org + "/projects")
                .then().statusCode(200).header("X-Limit", "500").body("size()", equalTo(7));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "Bad Name!")))
                .post("/api/v1/organizations/" + org + "/projects").then().statusCode(400)
                .body("field", equalTo("metadata.name"));
        String id = given().header("Authorization", alice.bearer()).queryParam("limit", 1)
                .get("/api/v1/organizations/" + org + "/projects").then().extract().path("[0].metadata.id");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "p-renamed", "description", "dd"), "spec", Map.of("groupIDs", List.of("g1"))))
                .put("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(200)
                .body("spec.groupIDs", equalTo(List.of("g1")));

        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/projects").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "x"))).post("/api/v1/organizations/" + org + "/projects").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "x"))).put("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(202);
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/projects/" + id).then().statusCode(404);
        // the total (the organization's project_count, kept by a trigger) follows the delete; the 400 above counted nothing
        given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/projects")
                .then().statusCode(200).header("X-Total-Count", "6").body("size()", equalTo(6));
    }

    @Test
    void aKeptPageIsServedOnlyWhileItsOrganizationsProjectsAreUnchanged() {
        String org = Fixtures.organization(alice);
        String first = createProject(org, "kept-a");
        createProject(org, "kept-b");
        String page = "/api/v1/organizations/" + org + "/projects";
        given().header("Authorization", alice.bearer()).get(page).then().statusCode(200)
                .body("metadata.name", equalTo(List.of("kept-a", "kept-b")));
        // served again (kept) while nothing changed
        given().header("Authorization", alice.bearer()).get(page).then().statusCode(200)
                .header("X-Total-Count", "2").body("metadata.name", equalTo(List.of("kept-a", "kept-b")));

        // a change through the API
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "kept-c", "description", "renamed")))
                .put(page + "/" + first).then().statusCode(200);
        given().header("Authorization", alice.bearer()).get(page).then().statusCode(200)
                .body("metadata.name", equalTo(List.of("kept-b", "kept-c")));

        // a change this replica never saw (another replica, a migration, an operator's SQL): the trigger's version
        pool.preparedQuery("update project set description = 'changed elsewhere' where id = $1")
                .execute(Tuple.of(UUID.fromString(first))).await().atMost(Duration.ofSeconds(10));
        given().header("Authorization", alice.bearer()).get(page).then().statusCode(200)
                .body("find { it.metadata.id == '" + first + "' }.metadata.description", equalTo("changed elsewhere"));
        pool.preparedQuery("delete from project where id = $1")
                .execute(Tuple.of(UUID.fromString(first))).await().atMost(Duration.ofSeconds(10));
        given().header("Authorization", alice.bearer()).get(page).then().statusCode(200)
                .header("X-Total-Count", "1").body("metadata.name", equalTo(List.of("kept-b")));

        // access is checked on every request, kept page or not
        given().header("Authorization", mallory.bearer()).get(page).then().statusCode(404);
    }

    private String createProject(String org, String name) {
        return given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", name)))
                .post("/api/v1/organizations/" + org + "/projects").then().statusCode(202)
                .extract().path("metadata.id");
    }

    @Test
    void accountDialectProjectsAndPushSettingsSecretsAreMasked() {
        TestTokens owner = TestTokens.newUser();
        Fixtures.organization(owner);
        String id = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Aka Project", "description", "Super top secret project!"))
                .post("/api/v1/projects").then().statusCode(201)
                .body("content.name", equalTo("Aka Project")).body("content.userLimit", equalTo(10))
                .extract().path("content.id");
        given().header("Authorization", owner.bearer()).get("/api/v1/projects")
                .then().statusCode(200).body("content.id", equalTo(List.of(id)));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("name", "Aka Project!.."))
                .put("/api/v1/projects/" + id).then().statusCode(202).body("content.name", equalTo("Aka Project!.."));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("description", "d".repeat(201))).put("/api/v1/projects/" + id)
                .then().statusCode(400).body("error.field", equalTo("description"));

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("fcmApiKeys", "secret-key-1234", "fcmProjectNumber", "12312312", "apnsCert", "Q0VSVElGSUNBVEU="))
                .put("/api/v1/projects/" + id + "/api").then().statusCode(202)
                .body("content.fcmApiKeys", equalTo("****1234")).body("content.fcmProjectNumber", equalTo("12312312"))
                .body("content.apnsCert", equalTo("****VEU="));
        String raw = given().header("Authorization", owner.bearer()).get("/api/v1/projects/" + id + "/api")
                .then().statusCode(200).body("content.apnsCert", not(containsString("Q0VSV"))).extract().asString();
        assertThat(raw).doesNotContain("secret-key");
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("fcmProjectNumber", "9".repeat(129))).put("/api/v1/projects/" + id + "/api")
                .then().statusCode(400).body("error.field", equalTo("fcmProjectNumber"));
        given().options("/api/v1/projects/" + id + "/api").then().statusCode(200).header("Allow", containsString("PUT"));

        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get("/api/v1/projects/" + id).then().statusCode(404)
                .body("error.type", equalTo("Not Found"));
        given().header("Authorization", mallory.bearer()).get("/api/v1/projects/" + id + "/api").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("fcmApiKeys", "x"))
                .put("/api/v1/projects/" + id + "/api").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put("/api/v1/projects/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/projects")
                .then().statusCode(200).body("content.id", not(hasItem(id)));
        given().header("Authorization", owner.bearer()).get("/api/v1/projects/" + id + "/api")
                .then().statusCode(200).body("content.fcmApiKeys", equalTo("****1234"));
        given().header("Authorization", owner.bearer()).get("/api/v1/projects/" + id)
                .then().body("content.services", equalTo(List.of()));
    }
}
