package com.cumulus.tenancy.activity;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Seed 004 activities (from every topic) and seed 000 notifications (posted, and from provisioning events). */
@QuarkusTest
class ActivitiesAndNotificationsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String project(String org) {
        return given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.uniqueName("p"), "org_id", org)).post("/console/projects")
                .then().statusCode(200).extract().path("id");
    }

    @Test
    void changesAnywhereBecomeActivitiesWithActorAndSourceIp() {
        String org = given().header("Authorization", alice.bearer()).header("X-Forwarded-For", "203.0.113.9")
                .contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", Fixtures.uniqueName("act")), "spec", Map.of("organizationType", "adhoc")))
                .post("/api/v1/organizations").then().statusCode(202).extract().path("metadata.id");
        String serviceId = UUID.randomUUID().toString();
        CloudEvent catalog = CloudEvent.of("/catalog", "com.cumulus.catalog.credential.issued.v1", "cred-1", null,
                "key-7", "api_key", "198.51.100.4", mapper.valueToTree(Map.of("credentialId", "cred-1",
                        "organizationId", org, "appId", "a", "clientId", "c", "state", "enabled")));
        CloudEvent provisioning = CloudEvent.of("/provisioning", "com.cumulus.provisioning.service.created.v1", serviceId,
                null, alice.subject(), "user", "198.51.100.5", mapper.valueToTree(Map.of("serviceId", serviceId,
                        "organizationId", org, "name", "db")));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("catalog.events", "cred-1", codec.write(catalog)),
                    new ProducerRecord<>("provisioning.events", serviceId, codec.write(provisioning))).awaitCompletion(WAIT);
        }
        String base = "/v1/organizations/" + org + "/activities";
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice.bearer()).get(base)
                .then().statusCode(200)
                .body("result.type", hasItems("organization_created", "membership_granted", "credential_issued", "service_created"))
                .body("result.find { it.type == 'organization_created' }.actorId", equalTo(alice.subject()))
                .body("result.find { it.type == 'organization_created' }.actorIpAddress", equalTo("203.0.113.9"))
                .body("result.find { it.type == 'credential_issued' }.actorType", equalTo("api_key"))
                .body("result.find { it.type == 'service_created' }.serviceId", equalTo(serviceId)));
        String id = given().header("Authorization", alice.bearer()).get(base).then().extract().path("result[0].id");
        given().header("Authorization", alice.bearer()).get(base + "/" + id).then().statusCode(200)
                .body("result.organizationId", equalTo(org));
        given().header("Authorization", alice.bearer()).queryParam("from_date", "2999-01-01T00:00:00Z").get(base)
                .then().statusCode(200).body("result.size()", equalTo(0));
        given().header("Authorization", alice.bearer()).queryParam("to_date", "2000-01-01T00:00:00Z").get(base)
                .then().statusCode(200).body("result.size()", equalTo(0));
        given().header("Authorization", alice.bearer()).queryParam("from_date", "yesterday").get(base)
                .then().statusCode(400).body("error", containsString("from_date"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(base).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(base + "/" + id).then().statusCode(404);
        given().header("Authorization", alice.bearer()).get(base + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void latestNotificationPerTopicIdWinsAndRunningServicesNotify() {
        String org = Fixtures.organization(alice);
        String projectId = project(org);
        String base = "/console/projects/" + projectId + "/notifications";
        Map<String, Object> first = new HashMap<>(Map.of("title", "Deploy started", "level", "info"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(first)
                .post(base + "/deployment/dep-1").then().statusCode(200);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Deploy finished", "level", "success")).post(base + "/deployment/dep-1").then().statusCode(200);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Other")).post(base + "/deployment/dep-2").then().statusCode(200);
        given().header("Authorization", alice.bearer()).get(base).then().statusCode(200)
                .body("size()", equalTo(2))
                .body("find { it.topic_id == 'dep-1' }.title", equalTo("Deploy finished"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("level", "panic"))
                .post(base + "/deployment/dep-3").then().statusCode(400).body("field", equalTo("level"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .post(base + "/gossip/dep-3").then().statusCode(400).body("field", equalTo("topic"));
        given().header("Authorization", alice.bearer()).get(base).then().body("size()", equalTo(2));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(base).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .post(base + "/deployment/dep-9").then().statusCode(404);

        String serviceId = UUID.randomUUID().toString();
        CloudEvent running = CloudEvent.of("/provisioning", "com.cumulus.provisioning.service.state-changed.v1",
                serviceId, null, null, mapper.valueToTree(Map.of("serviceId", serviceId, "organizationId", org,
                        "projectId", projectId, "name", "orders-db", "previousState", "starting", "state", "running",
                        "reason", "started")));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("provisioning.events", serviceId, codec.write(running)))
                    .awaitCompletion(WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice.bearer()).get(base)
                .then().statusCode(200).body("topic_id", hasItem(serviceId))
                .body("find { it.topic_id == '" + serviceId + "' }.title", equalTo("Service orders-db is running")));
        given().header("Authorization", alice.bearer()).get(base).then().body("topic", hasItems("deployment", "service"))
                .body("size()", equalTo(3));
    }
}
