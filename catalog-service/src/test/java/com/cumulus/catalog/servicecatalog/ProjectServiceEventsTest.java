package com.cumulus.catalog.servicecatalog;

import com.cumulus.catalog.EventProbe;
import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
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

import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.outsider;
import static com.cumulus.catalog.Fixtures.project;
import static com.cumulus.catalog.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * catalog.events {@code project-service.attached.v1} / {@code .detached.v1} (key = projectId) for seed 003's project
 * services: on attach, on detach, and for each attached service when tenancy deletes the project or the organization.
 */
@QuarkusTest
class ProjectServiceEventsTest {
    static final String ATTACHED = "com.cumulus.catalog.project-service.attached.v1";
    static final String DETACHED = "com.cumulus.catalog.project-service.detached.v1";

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static void attach(String token, String projectId, String code, String name, int status) {
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", code, "name", name))
                .post("/api/v1/projects/" + projectId + "/services").then().statusCode(status);
    }

    private void tenancyEvent(String type, String key, Map<String, Object> data) {
        CloudEvent event = CloudEvent.of("/tenancy", type, key, null, null, mapper.valueToTree(data));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("tenancy.events", key, codec.write(event)))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
    }

    private static void assertData(JsonNode event, String projectId, String org, String code, String name) {
        JsonNode d = event.get("data");
        assertThat(event.get("subject").asText()).isEqualTo(projectId);
        assertThat(d.get("projectId").asText()).isEqualTo(projectId);
        assertThat(d.get("organizationId").asText()).isEqualTo(org);
        assertThat(d.get("serviceCatalogCode").asText()).isEqualTo(code);
        assertThat(d.get("name").asText()).isEqualTo(name);
        assertThat(d.get("itemLimit").asInt()).isEqualTo(100);
    }

    @Test
    void attachAndDetachPublishWithTheItem() {
        String org = newOrg();
        String dev = token(org, "developer");
        String projectId = project(org);
        try (EventProbe events = EventProbe.catalog()) {
            attach(dev, projectId, "roc", "Messages", 201);
            JsonNode attached = events.one(ATTACHED, projectId);
            assertData(attached, projectId, org, "roc", "Messages");
            assertThat(attached.get("actorid").asText()).isNotBlank();

            // refused changes publish nothing: already attached (409), another organization (404), unknown code (400)
            attach(dev, projectId, "roc", "Again", 409);
            attach(outsider(), projectId, "push", "Intruder", 404);
            given().header("Authorization", outsider()).delete("/api/v1/projects/" + projectId + "/services/roc")
                    .then().statusCode(404);
            attach(dev, projectId, "nope", "Unknown", 400);

            given().header("Authorization", dev).delete("/api/v1/projects/" + projectId + "/services/roc")
                    .then().statusCode(202);
            assertData(events.one(DETACHED, projectId), projectId, org, "roc", "Messages");
            given().header("Authorization", dev).delete("/api/v1/projects/" + projectId + "/services/roc")
                    .then().statusCode(404);

            // the next event of this project follows the detach: nothing else was published for it in between
            attach(dev, projectId, "push", "Pushes", 201);
            assertData(events.await(ATTACHED, projectId, 2).get(1), projectId, org, "push", "Pushes");
            assertThat(events.matching(ATTACHED, projectId)).hasSize(2);
            assertThat(events.matching(DETACHED, projectId)).hasSize(1);
        }
    }

    @Test
    void projectAndOrganizationDeletionDetachEveryAttachedService() {
        String org = newOrg();
        String dev = token(org, "developer");
        String first = project(org);
        String second = project(org);
        String third = project(org);
        try (EventProbe events = EventProbe.catalog()) {
            attach(dev, first, "roc", "Roc", 201);
            attach(dev, first, "push", "Push", 201);
            attach(dev, second, "roc", "Roc two", 201);
            attach(dev, third, "push", "Push three", 201);
            events.await(ATTACHED, first, 2);
            events.one(ATTACHED, second);
            events.one(ATTACHED, third);

            tenancyEvent("com.cumulus.tenancy.project.deleted.v1", first,
                    Map.of("projectId", first, "organizationId", org));
            List<JsonNode> detached = events.await(DETACHED, first, 2);
            assertThat(detached).extracting(e -> e.get("data").get("serviceCatalogCode").asText())
                    .containsExactlyInAnyOrder("roc", "push");
            detached.forEach(e -> assertThat(e.get("data").get("organizationId").asText()).isEqualTo(org));

            tenancyEvent("com.cumulus.tenancy.organization.deleted.v1", org, Map.of("organizationId", org));
            assertData(events.one(DETACHED, second), second, org, "roc", "Roc two");
            assertData(events.one(DETACHED, third), third, org, "push", "Push three");
            assertThat(events.matching(DETACHED, first)).hasSize(2);
        }
    }
}
