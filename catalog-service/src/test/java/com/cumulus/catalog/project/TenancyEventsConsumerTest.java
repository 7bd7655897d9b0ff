package com.cumulus.catalog.project;

import com.cumulus.catalog.EventProbe;
import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.catalog.Fixtures.createApp;
import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.token;
import static com.cumulus.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class TenancyEventsConsumerTest {
    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private void publish(String type, String key, Map<String, Object> data, CloudEvent... extra) {
        CloudEvent event = CloudEvent.of("/tenancy", type, key, null, null, mapper.valueToTree(data));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("tenancy.events", key, codec.write(event)))
                    .awaitCompletion(Duration.ofSeconds(20));
            for (CloudEvent e : extra) {
                kafka.produceStrings().fromRecords(new ProducerRecord<>("tenancy.events", key, codec.write(e)))
                        .awaitCompletion(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void projectEventsMaintainTheProjectionUsedForAuthorization() {
        String org = newOrg();
        String dev = token(org, "developer");
        String projectId = UUID.randomUUID().toString();
        String gateway = "/console/projects/" + projectId + "/gateway";
        given().header("Authorization", dev).get(gateway).then().statusCode(404);

        Map<String, Object> data = Map.of("projectId", projectId, "organizationId", org, "name", "p",
                "parameters", Map.of());
        CloudEvent created = CloudEvent.of("/tenancy", "com.cumulus.tenancy.project.created.v1", projectId, null,
                null, mapper.valueToTree(data));
        // the same event delivered twice is applied once
        publish("com.cumulus.tenancy.project.created.v1", projectId, data, created, created);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", dev).get(gateway).statusCode() == 200);
        given().header("Authorization", dev).post(gateway + "/roc").then().statusCode(200);

        publish("com.cumulus.tenancy.project.deleted.v1", projectId, Map.of("projectId", projectId,
                "organizationId", org));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().header("Authorization", dev).get(gateway).statusCode() == 404);
    }

    @Test
    void organizationDeletionRemovesAppsAndRevokesTheirCredentials() {
        String org = newOrg();
        String dev = token(org, "developer");
        JsonPath app = createApp(dev, org, unique("app"));
        String appUrl = "/apps/" + org + "/" + app.getString("id");
        String subscription = given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("product_url", "/products/weather-product/1.0.0", "plan", "default"))
                .post(appUrl + "/subscriptions").then().statusCode(201).extract().path("id");
        String credentialId = given().header("Authorization", dev).get(appUrl + "/credentials").then()
                .statusCode(200).extract().path("results[0].id");
        String consumer = given().header("Authorization", dev).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(201).extract().path("content.id");

        try (EventProbe events = EventProbe.catalog()) {
            publish("com.cumulus.tenancy.organization.deleted.v1", org, Map.of("organizationId", org));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    given().header("Authorization", dev).get(appUrl).statusCode() == 404);
            assertThat(events.one("com.cumulus.catalog.credential.revoked.v1", credentialId)
                    .get("data").get("state").asText()).isEqualTo("disabled");
            events.one("com.cumulus.catalog.subscription.deleted.v1", subscription);
        }
        given().header("Authorization", dev).get("/api/v1/consumers").then().statusCode(200)
                .body("content.id", not(hasItem(consumer)));
    }
}
