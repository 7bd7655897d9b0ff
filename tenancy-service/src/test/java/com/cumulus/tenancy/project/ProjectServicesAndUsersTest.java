package com.cumulus.tenancy.project;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Seed 003 project {@code services} (from catalog's project-service events) and {@code userLimit}/{@code userUsed}. */
@QuarkusTest
class ProjectServicesAndUsersTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String project(String name) {
        return given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/v1/projects").then().statusCode(201).extract().path("content.id");
    }

    private CloudEvent catalogEvent(String type, String projectId, String org, String code) {
        return CloudEvent.of("/catalog", type, projectId, null, "someone", "user", null, mapper.valueToTree(Map.of(
                "projectId", projectId, "organizationId", org, "serviceCatalogCode", code, "name", code.toUpperCase(),
                "itemLimit", 100)));
    }

    private void send(CloudEvent... events) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            @SuppressWarnings("unchecked")
            ProducerRecord<String, String>[] records = java.util.Arrays.stream(events)
                    .map(e -> new ProducerRecord<>("catalog.events", e.subject(), codec.write(e)))
                    .toArray(ProducerRecord[]::new);
            kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
        }
    }

    @Test
    void servicesFollowCatalogEventsAndIgnoreOtherOrganizations() {
        String org = Fixtures.organization(alice);
        String id = project("Services Project");
        String attached = "com.cumulus.catalog.project-service.attached.v1";
        String detached = "com.cumulus.catalog.project-service.detached.v1";
        String otherOrg = Fixtures.organization(mallory);
        CloudEvent push = catalogEvent(attached, id, org, "push");
        send(push, catalogEvent(attached, id, org, "roc"), push, catalogEvent(attached, id, otherOrg, "sneaky"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice.bearer())
                .get("/api/v1/projects/" + id).then().statusCode(200)
                .body("content.services", equalTo(List.of("push", "roc"))));
        send(catalogEvent(detached, id, org, "push"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice.bearer())
                .get("/api/v1/projects").then().statusCode(200)
                .body("content.find { it.id == '" + id + "' }.services", equalTo(List.of("roc"))));
        given().header("Authorization", mallory.bearer()).get("/api/v1/projects/" + id).then().statusCode(404);
    }

    @Test
    void userUsedCountsProjectInviteesAndUserLimitCapsThem() {
        Fixtures.organization(alice);
        String id = project("Users Project");
        given().header("Authorization", alice.bearer()).get("/api/v1/projects/" + id).then().statusCode(200)
                .body("content.userLimit", equalTo(10)).body("content.userUsed", equalTo(0))
                .body("content.services", equalTo(List.of()));
        List<String> emails = IntStream.range(0, 10).mapToObj(i -> Fixtures.uniqueName("u" + i) + "@example.test").toList();
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emails", emails.subList(0, 9))).put("/console/invites/projects/" + id).then().statusCode(200);
        // 9 pending + 2 more > 10
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emails", List.of("a-" + emails.get(9), "b-" + emails.get(9))))
                .put("/console/invites/projects/" + id).then().statusCode(409).body("error", equalTo("conflict"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emails", List.of(emails.get(9)))).put("/console/invites/projects/" + id).then().statusCode(200);

        TestTokens first = TestTokens.newUser().email(emails.get(0));
        String invitation = given().header("Authorization", first.bearer()).get("/console/invites")
                .then().statusCode(200).extract().path("[0].id");
        given().header("Authorization", first.bearer()).contentType(ContentType.JSON).body(Map.of("scope", invitation))
                .post("/console/invites").then().statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/projects/" + id).then().statusCode(200)
                .body("content.userUsed", equalTo(1)).body("content.userLimit", equalTo(10));
    }
}
