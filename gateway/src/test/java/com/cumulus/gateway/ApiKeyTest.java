package com.cumulus.gateway;

import com.cumulus.gateway.support.Events;
import com.cumulus.gateway.support.GatewayTestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.gateway.support.Edge.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Seed 004's {@code Basic keyId:keySecret}: checked against identity's key events, exchanged for a JWT. */
@QuarkusTest
class ApiKeyTest {

    private static final String TOPIC = "identity.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "cumulus.test.issuer.url")
    String issuerUrl;

    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aKeyWorksUntilDisabledAndIsExchangedOnce() {
        String keyId = UUID.randomUUID().toString();
        String secret = "s3cret-" + UUID.randomUUID();
        announce("created", keyId, secret, "enabled", null);

        awaitStatus(keyId, secret, 200);
        var seen = call(keyId, secret).then().statusCode(200)
                .body("upstream", equalTo("a"))
                .body("headers.authorization", startsWith("Bearer "))
                .body("headers.'x-authenticated-subject'", equalTo(keyId))
                .body("headers.'x-authenticated-principal-type'", equalTo("api_key"))
                .extract().jsonPath();
        String jwt = seen.getString("headers.authorization").substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"" + keyId + "\"").contains("\"principal_type\":\"api_key\"");
        call(keyId, secret).then().statusCode(200);
        // the body waits (paused, not lost) while the key is checked and exchanged
        given().auth().preemptive().basic(keyId, secret).contentType("application/json")
                .body("{\"name\":\"" + "x".repeat(256 * 1024) + "\"}")
                .when().patch("/v1/organizations/org-1/members/u-1").then()
                .statusCode(200)
                .body("method", equalTo("PATCH"))
                .body("bodySize", equalTo(256 * 1024 + 11));
        assertThat(exchanges(keyId)).isEqualTo(1);

        call(keyId, "wrong-" + secret).then().statusCode(401)
                .body("status", equalTo(401))
                .body("error", equalTo("invalid API key"))
                .body("requestId", notNullValue());

        announce("updated", keyId, secret, "disabled", null);
        awaitStatus(keyId, secret, 401);
        call(keyId, secret).then().body("error", equalTo("API key is disabled"));

        announce("updated", keyId, secret, "enabled", null);
        awaitStatus(keyId, secret, 200);
    }

    @Test
    void anExpiredKeyIsRefused() {
        String keyId = UUID.randomUUID().toString();
        String secret = "s3cret-" + UUID.randomUUID();
        announce("created", keyId, secret, "enabled", OffsetDateTime.now().plusDays(30).toString());
        awaitStatus(keyId, secret, 200);

        announce("updated", keyId, secret, "enabled", OffsetDateTime.now().minusMinutes(1).toString());
        awaitStatus(keyId, secret, 401);
        call(keyId, secret).then().body("error", equalTo("API key has expired"));
    }

    @Test
    void aDeletedKeyIsRefused() {
        String keyId = UUID.randomUUID().toString();
        String secret = "s3cret-" + UUID.randomUUID();
        announce("created", keyId, secret, "enabled", null);
        awaitStatus(keyId, secret, 200);

        Events.publish(kafka, TOPIC, "com.cumulus.identity.apikey.deleted.v1", keyId, Map.of("keyId", keyId));
        awaitStatus(keyId, secret, 401);
    }

    @Test
    void aKeyIdentityRefusesAtItsTokenEndpointIsRefused() {
        String keyId = UUID.randomUUID().toString();
        String secret = GatewayTestIssuer.REFUSED_SECRET;
        announce("created", keyId, secret, "enabled", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call(keyId, secret).then()
                .statusCode(401).body("error", equalTo("API key refused by identity")));
    }

    @Test
    void unknownAndMalformedKeysAreRefused() {
        call(UUID.randomUUID().toString(), "nope").then().statusCode(401).body("error", equalTo("invalid API key"));
        given().header("Authorization", "Basic !!!").when().get("/v1/organizations/o-1/members").then()
                .statusCode(401).body("error", equalTo("malformed API key credentials"));
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
                .when().get("/v1/organizations/o-1/members").then().statusCode(401);
    }

    private void announce(String event, String keyId, String secret, String state, String expireAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("keyId", keyId);
        data.put("organizationId", "org-1");
        data.put("name", "ci key");
        data.put("keySecretHash", Events.sha256Hex(secret));
        data.put("roles", List.of("admin"));
        data.put("state", state);
        data.put("expireAt", expireAt);
        Events.publish(kafka, TOPIC, "com.cumulus.identity.apikey." + event + ".v1", keyId, data);
    }

    private void awaitStatus(String keyId, String secret, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> call(keyId, secret).then().statusCode(status));
    }

    private static io.restassured.response.Response call(String keyId, String secret) {
        return given().auth().preemptive().basic(keyId, secret).when().get("/v1/organizations/org-1/members");
    }

    private int exchanges(String keyId) {
        return RestAssured.get(issuerUrl + "/admin/exchanges?client_id=" + keyId).jsonPath().getInt("count");
    }
}
