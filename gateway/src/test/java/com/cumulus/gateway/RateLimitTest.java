package com.cumulus.gateway;

import com.cumulus.gateway.support.Events;
import com.cumulus.gateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.gateway.support.Edge.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/** Token buckets per principal and route group, and catalog subscription plan limits: 429 with Retry-After. */
@QuarkusTest
class RateLimitTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aPrincipalOverItsRouteGroupLimitGets429WithRetryAfterInTheDialect() {
        // the test profile limits the group "limited" (/api/v1/consumer-tokens) to 3 requests per hour
        String jwt = Tokens.user().bearer();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", jwt).post("/api/v1/consumer-tokens").then().statusCode(200);
        }
        given().header("Authorization", jwt).post("/api/v1/consumer-tokens").then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .header("Retry-After", v -> Integer.parseInt(v), greaterThan(0))
                .body("error.type", equalTo("Too Many Requests"));
        // another route group and another principal keep their own buckets
        given().header("Authorization", jwt).get("/api/v1/services").then().statusCode(200);
        given().header("Authorization", Tokens.user().bearer()).post("/api/v1/consumer-tokens").then()
                .statusCode(200);
    }

    @Test
    void aSubscriptionsPlanLimitAppliesToItsApplicationsClientIds() {
        String clientId = "client-" + UUID.randomUUID();
        String subscriptionId = UUID.randomUUID().toString();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            Events.publish(kafka, "catalog.events", "com.cumulus.catalog.subscription.changed.v1", subscriptionId,
                    Map.of("subscriptionId", subscriptionId, "appId", "app-1", "organizationId", "org-1",
                            "clientIds", List.of(clientId), "productName", "weather", "productVersion", "1.0.0",
                            "plan", "bronze", "state", "enabled",
                            "rateLimit", Map.of("requests", 2, "periodSeconds", 3600)));
        }
        String jwt = Tokens.user().clientId(clientId).bearer();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().header("Authorization", jwt).get("/v1/organizations/org-1").then()
                        .statusCode(429)
                        .header("Retry-After", notNullValue())
                        .body("status", equalTo(429))
                        .body("requestId", notNullValue()));
        // the same user through another client is not subscribed
        given().header("Authorization", Tokens.user().clientId("other-client").bearer())
                .get("/v1/organizations/org-1").then().statusCode(200);
    }
}
