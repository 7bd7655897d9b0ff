package com.cumulus.gateway;

import com.cumulus.gateway.support.Events;
import com.cumulus.gateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.gateway.support.Edge.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** identity's revocations (logout, revoked session, rotated/deleted service account) stop tokens at the edge. */
@QuarkusTest
class RevocationTest {

    private static final Logger LOG = Logger.getLogger(RevocationTest.class);
    private static final String TOPIC = "identity.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
        // the gateway's consumer is live once a first revocation is observed (replay from the beginning at start)
        Tokens warmUp = Tokens.user();
        revokeSession(warmUp.sessionId, List.of());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().header("Authorization", warmUp.bearer()).get("/api/v1/projects").then().statusCode(401));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aRevokedSessionStopsWorkingWithinOneSecond() {
        Tokens tokens = Tokens.user();
        String jwt = tokens.sign();
        given().header("Authorization", "Bearer " + jwt).get("/api/v1/projects").then().statusCode(200);

        revokeSession(tokens.sessionId, List.of());
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + jwt).get("/api/v1/projects").then().statusCode(401)
                        .body("error.message", equalTo("access token revoked")));
        LOG.infof("session revocation effective after %d ms", (System.nanoTime() - published) / 1_000_000);
    }

    @Test
    void aRevokedTokenIdStopsWorkingWithinOneSecondWhileTheSessionsOtherTokensStay() {
        Tokens tokens = Tokens.user();
        Tokens sibling = Tokens.user();
        given().header("AUTHORIZATION", tokens.sign()).get("/api/v1/me").then().statusCode(200);

        revokeSession(UUID.randomUUID().toString(), List.of(tokens.tokenId));
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().header("AUTHORIZATION", tokens.sign()).get("/api/v1/me").then().statusCode(401));
        LOG.infof("token revocation effective after %d ms", (System.nanoTime() - published) / 1_000_000);
        given().header("AUTHORIZATION", sibling.sign()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void rotatedAndDeletedServiceAccountTokensStopWorking() {
        Tokens rotated = Tokens.user();
        Tokens deleted = Tokens.user();
        given().header("Authorization", rotated.bearer()).get("/v1/organizations/o-1").then().statusCode(200);
        given().header("Authorization", deleted.bearer()).get("/v1/organizations/o-1").then().statusCode(200);

        Events.publish(kafka, TOPIC, "com.cumulus.identity.serviceaccount.rotated.v1", rotated.subject,
                Map.of("serviceAccountId", rotated.subject, "organizationId", "o-1", "name", "ci",
                        "tokenIds", List.of(rotated.tokenId)));
        Events.publish(kafka, TOPIC, "com.cumulus.identity.serviceaccount.deleted.v1", deleted.subject,
                Map.of("serviceAccountId", deleted.subject, "organizationId", "o-1", "name", "ci",
                        "tokenIds", List.of()));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            given().header("Authorization", rotated.bearer()).get("/v1/organizations/o-1").then().statusCode(401)
                    .body("error", equalTo("access token revoked"));
            given().header("Authorization", deleted.bearer()).get("/v1/organizations/o-1").then().statusCode(401);
        });
    }

    private void revokeSession(String sessionId, List<String> tokenIds) {
        Events.publish(kafka, TOPIC, "com.cumulus.identity.session.revoked.v1", sessionId,
                Map.of("sessionId", sessionId, "userId", UUID.randomUUID().toString(), "tokenIds", tokenIds,
                        "expiresAt", "2099-01-01T00:00:00Z"));
    }
}
