package com.cumulus.provisioning.lifecycle;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.provisioning.EventTap;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceCreateRequest;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.Passwords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class LifecycleTest {

    private static final String STATE = "/v1/organizations/{org}/services/{id}/state";

    @Inject
    Recovery recovery;
    @Inject
    LifecycleEngine engine;
    @Inject
    ServiceUseCases useCases;
    @Inject
    Pool pool;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void startAndStopAreNoOpsInTheTargetStateAndConflictWhileInFlight() {
        String org = newOrg();
        String admin = token(org, "developer");
        String id = createRunning(org, admin, "Cycle");

        command(org, admin, id, "start").statusCode(200).body("result.state", equalTo("running"));
        command(org, admin, id, "stop").statusCode(200).body("result.state", equalTo("stopping"));
        awaitState(id, "stopped");
        command(org, admin, id, "stop").statusCode(200).body("result.state", equalTo("stopped"));
        command(org, admin, id, "start").statusCode(200).body("result.state", equalTo("starting"));
        awaitState(id, "running");

        String inFlight = insert(org, "In flight", "starting", "running", true);
        command(org, admin, inFlight, "stop").statusCode(409).body("status", equalTo(409))
                .body("error", containsString("starting"));
        assertThat(service(inFlight).state).isEqualTo("starting");

        command(org, admin, id, "reboot").statusCode(400).body("error", startsWith("command:"));
        given().header("Authorization", token(newOrg(), "admin")).contentType(ContentType.JSON)
                .body(Map.of("command", "stop")).when().patch(STATE, org, id).then().statusCode(404);
        given().header("Authorization", token(org, "reader")).contentType(ContentType.JSON)
                .body(Map.of("command", "stop")).when().patch(STATE, org, id).then().statusCode(403);
        assertThat(service(id).state).isEqualTo("running");
    }

    @Test
    void everyTransitionIsPersistedAndPublishedOnceInOrder() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String admin = token(org, "admin");
            String id = createRunning(org, admin, "Storyteller");
            command(org, admin, id, "stop").statusCode(200);
            awaitState(id, "stopped");
            given().header("Authorization", admin).when().delete("/v1/organizations/{org}/services/{id}", org, id)
                    .then().statusCode(200);
            awaitState(id, "terminated");

            List<String> expected = List.of("service.created", "starting>provisioning", "provisioning>running",
                    "running>stopping", "stopping>stopped", "stopped>terminating", "terminating>terminated",
                    "service.deleted");
            await().atMost(WAIT).until(() -> tap.story(id).size() >= expected.size());
            assertThat(tap.story(id)).containsExactlyElementsOf(expected);
            // tenancy confirms the provisional reservation the POST made when it consumes service.created
            assertThat(tap.of(id).get(0).data().get("quota").asText()).isEqualTo("reserved");
            CloudEvent running = tap.of(id).get(2);
            assertThat(running.subject()).isEqualTo(id);
            assertThat(running.source()).isEqualTo("/provisioning");
            assertThat(running.data().get("serviceId").asText()).isEqualTo(id);
            assertThat(running.data().get("organizationId").asText()).isEqualTo(org);
            assertThat(running.data().has("projectId")).isTrue();
            assertThat(running.data().get("name").asText()).isEqualTo("Storyteller");
            assertThat(running.data().has("reason")).isTrue();
        }
    }

    @Test
    void driverFailureEndsInFailedOrDegradedWithTheReason() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String admin = token(org, "admin");
            String broken = create(org, admin, body("simfail provision"));
            awaitState(broken, "failed");
            assertThat(service(broken).stateReason).contains("provision");
            await().atMost(WAIT).until(() -> tap.story(broken).contains("provisioning>failed"));
            CloudEvent failed = tap.of(broken).get(tap.of(broken).size() - 1);
            assertThat(failed.data().get("reason").asText()).contains("provision");

            String flaky = createRunning(org, admin, "simfail stop");
            command(org, admin, flaky, "stop").statusCode(200);
            awaitState(flaky, "degraded");
            assertThat(service(flaky).stateReason).contains("stop");
        }
    }

    @Test
    void failedTerminateIsRetriedWithBackoffThenEndsFailedWithTheReason() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String admin = token(org, "admin");
            String stuck = stopped(org, admin, "simfail terminate");
            String flaky = stopped(org, admin, "simfail terminate 2x");
            assertThat(reservations(org)).isEqualTo(2);

            delete(org, admin, stuck);
            delete(org, admin, flaky);

            // transient failures: retried after a backoff, then terminated (no failed state in between)
            awaitState(flaky, "terminated");
            await().atMost(WAIT).until(() -> tap.story(flaky).contains("service.deleted"));
            assertThat(tap.story(flaky)).containsSubsequence("stopped>terminating", "terminating>terminated",
                    "service.deleted").doesNotContain("terminating>failed");
            assertThat(service(flaky).terminateAttempts).isZero();

            // a terminate that keeps failing: max-attempts (4 in tests) attempts, then failed with the reason, once
            awaitState(stuck, "failed");
            ManagedService failed = service(stuck);
            assertThat(failed.stateReason).startsWith("terminate failed after 4 attempts")
                    .contains("simulated terminate failure");
            assertThat(failed.terminateAttempts).isEqualTo(4);
            await().atMost(WAIT).until(() -> tap.story(stuck).contains("terminating>failed"));
            assertThat(tap.story(stuck)).containsSubsequence("stopped>terminating", "terminating>failed")
                    .doesNotContain("failed>terminating", "service.deleted");
            CloudEvent event = tap.of(stuck).get(tap.of(stuck).size() - 1);
            assertThat(event.data().get("reason").asText()).startsWith("terminate failed after 4 attempts");
            // the rest is not a loop: a failed service whose terminate gave up stays failed
            assertThat(onVertx(() -> recovery.resumeInFlight())).isNotNegative();
            assertThat(service(stuck).state).isEqualTo("failed");

            // quota is released when the service is really terminated (tenancy consumes service.deleted), so the
            // service that could not be terminated still holds its reservation
            await().atMost(WAIT).until(() -> reservations(org) == 1);
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        // tests: initial 20 ms, cap 80 ms
        assertThat(engine.backoff(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(engine.backoff(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(engine.backoff(3)).isEqualTo(Duration.ofMillis(80));
        assertThat(engine.backoff(10)).isEqualTo(Duration.ofMillis(80));
    }

    private String stopped(String org, String admin, String name) {
        String id = createRunning(org, admin, name);
        command(org, admin, id, "stop").statusCode(200);
        awaitState(id, "stopped");
        return id;
    }

    private static void delete(String org, String admin, String id) {
        given().header("Authorization", admin).when().delete("/v1/organizations/{org}/services/{id}", org, id)
                .then().statusCode(200);
    }

    @Test
    void redeliveredAndStaleCommandsChangeNothing() {
        try (EventTap tap = EventTap.events(); EventTap commands = new EventTap(CommandBus.TOPIC)) {
            String org = newOrg();
            String admin = token(org, "admin");
            String id = createRunning(org, admin, "Idempotent");
            await().atMost(WAIT).until(() -> !commands.records(id).isEmpty());
            ConsumerRecord<String, String> create = commands.records(id).get(0);
            CloudEvent stale = CloudEvent.of("/test", CommandBus.type("start"), id, null, null,
                    new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                            Map.of("serviceId", id, "organizationId", org, "command", "start")));
            try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
                kafka.produceStrings().fromRecords(
                        new ProducerRecord<>(CommandBus.TOPIC, id, create.value()),
                        new ProducerRecord<>(CommandBus.TOPIC, id, create.value()),
                        new ProducerRecord<>(CommandBus.TOPIC, id,
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .findAndRegisterModules().writeValueAsString(stale)))
                        .awaitCompletion(WAIT);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            // a later command on the same key proves the redeliveries were consumed before it
            command(org, admin, id, "stop").statusCode(200);
            awaitState(id, "stopped");
            await().atMost(WAIT).until(() -> tap.story(id).contains("stopping>stopped"));
            assertThat(tap.story(id)).containsExactly("service.created", "starting>provisioning",
                    "provisioning>running", "running>stopping", "stopping>stopped");
            long claims = pool.preparedQuery("select count(*) from processed_event where event_id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(EventTap.parse(create.value()).id())))
                    .await().atMost(WAIT).iterator().next().getLong(0);
            assertThat(claims).isEqualTo(1);
        }
    }

    @Test
    void recoveryResumesServicesLeftMidTransition() {
        String org = newOrg();
        String starting = insert(org, "Left starting", "starting", "running", false);
        String provisioning = insert(org, "Left provisioning", "provisioning", "running", false);
        String stopping = insert(org, "Left stopping", "stopping", "stopped", true);

        int resumed = onVertx(() -> recovery.resumeInFlight());

        assertThat(resumed).isGreaterThanOrEqualTo(3);
        awaitState(starting, "running");
        awaitState(provisioning, "running");
        awaitState(stopping, "stopped");
        assertThat(service(starting).provisioned).isTrue();
    }

    /** A service written straight to the database, as a crash would leave it: no command queued. */
    private String insert(String org, String name, String state, String desired, boolean provisioned) {
        UUID id = UUID.randomUUID();
        onVertx(() -> Panache.withTransaction(() -> {
            ManagedService s = useCases.newService(id, org, null, new ServiceCreateRequest(name, "gcp",
                    "europe-west4", "production", null, null, null, null, null, null, null, null, null, null, null),
                    "production", false, null);
            s.state = state;
            s.desiredState = desired;
            s.provisioned = provisioned;
            s.passwordHash = Passwords.hash("x");
            return s.persist();
        }));
        return id.toString();
    }

    private static io.restassured.response.ValidatableResponse command(String org, String bearer, String id,
                                                                      String command) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("command", command)).when().patch(STATE, org, id).then();
    }

    static Duration wait(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
