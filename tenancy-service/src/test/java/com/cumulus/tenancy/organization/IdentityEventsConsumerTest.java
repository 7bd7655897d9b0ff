package com.cumulus.tenancy.organization;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** identity.events drive organizations and memberships; tenancy publishes its own events through the outbox. */
@QuarkusTest
class IdentityEventsConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private CloudEvent event(String type, String key, Map<String, Object> data) {
        return CloudEvent.of("/identity", type, key, null, key, "user", "10.0.0.7", mapper.valueToTree(data));
    }

    private void send(CloudEvent... events) {
        ProducerRecord<String, String>[] records = java.util.Arrays.stream(events)
                .map(e -> new ProducerRecord<>("identity.events", e.subject(), codec.write(e)))
                .toArray(ProducerRecord[]::new);
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    @Test
    void registrationCreatesTheOrganizationWithIdentitysIdAndAnAdmin() {
        String userId = UUID.randomUUID().toString();
        String orgId = UUID.randomUUID().toString();
        CloudEvent registered = event("com.cumulus.identity.account.registered.v1", userId, Map.of("userId", userId,
                "email", "Reg-" + userId + "@example.test", "firstName", "Ada", "lastName", "L",
                "organizationId", orgId, "organizationName", "Example Organization", "role", "admin"));
        send(registered, registered);   // redelivery is applied once
        TestTokens admin = TestTokens.user(userId);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", admin.bearer())
                .get("/api/v1/account").then().statusCode(200)
                .body("content.organizationName", equalTo("Example Organization")));
        given().header("Authorization", admin.bearer()).get("/api/v1/organizations/" + orgId)
                .then().statusCode(200).body("metadata.name", equalTo("example-organization"));
        given().header("Authorization", admin.bearer()).get("/v1/organizations/" + orgId + "/members")
                .then().statusCode(200).body("result.size()", equalTo(1))
                .body("result[0].name", equalTo("Ada L")).body("result[0].role", equalTo("admin"));

        // user.created adds a developer; user.updated renames; user.deleted removes
        String devId = UUID.randomUUID().toString();
        send(event("com.cumulus.identity.user.created.v1", devId, Map.of("userId", devId, "email", devId + "@example.test",
                "firstName", "Dev", "lastName", "One", "organizationId", orgId, "role", "developer")));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", admin.bearer()).get("/api/v1/developers")
                .then().statusCode(200).body("content.id", equalTo(List.of(devId))));
        send(event("com.cumulus.identity.user.updated.v1", devId, Map.of("userId", devId, "email", devId + "@example.test",
                "firstName", "Renamed", "lastName", "One")));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", admin.bearer()).get("/api/v1/developers")
                .then().statusCode(200).body("content[0].firstName", equalTo("Renamed")));
        send(event("com.cumulus.identity.user.deleted.v1", devId, Map.of("userId", devId, "organizationId", orgId)));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", admin.bearer()).get("/api/v1/developers")
                .then().statusCode(200).body("content.size()", equalTo(0)));

        // tenancy announced the organization and the membership on tenancy.events
        var task = kafka.consumeStrings().fromTopics("tenancy.events");
        await().atMost(WAIT).untilAsserted(() -> assertThat(task.getRecords().stream()
                .filter(r -> orgId.equals(r.key())).map(r -> codec.read(r.value()).type()).toList())
                .contains("com.cumulus.tenancy.organization.created.v1", "com.cumulus.tenancy.membership.granted.v1",
                        "com.cumulus.tenancy.membership.revoked.v1"));
        task.stop();
    }

    @Test
    void onboardingCreatesOrganizationGroupAndAdmin() {
        String userId = UUID.randomUUID().toString();
        String orgId = UUID.randomUUID().toString();
        send(event("com.cumulus.identity.onboarding.requested.v1", orgId, Map.of("userId", userId,
                "email", userId + "@example.test", "organizationId", orgId, "organizationName", "Onboarded Inc",
                "groupName", "administrators")));
        TestTokens admin = TestTokens.user(userId);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", admin.bearer())
                .get("/v1/organizations").then().statusCode(200).body("result.id", hasItem(orgId)));
    }
}
