package com.cumulus.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 5: an API key (seed 004) runs a managed service's whole life through the gateway with
 * {@code Authorization: Basic keyId:keySecret}: create, watch it reach {@code running} on provisioning.events (a plain
 * Kafka consumer), scale, back up, stop, delete; the activity log shows every step with the key as actor; a project
 * created from a template gets its "service is running" notification.
 */
@ExtendWith(SuiteExtension.class)
class ApiKeyServiceStoryIT {

    static final String STATE_CHANGED = "com.cumulus.provisioning.service.state-changed.v1";

    @Test
    void apiKeyCreatesScalesBacksUpStopsDeletesAService() throws Exception {
        Suite suite = SuiteExtension.suite();
        Stories.Account admin = Stories.register("key-owner", "Keyed Org");
        String org = admin.organizationId();
        String adminAuth = Stories.bearer(Stories.loginWithRole(admin.email(), admin.password(), org, "admin"));

        Response created = given().header("Authorization", adminAuth).contentType(ContentType.JSON)
                .body(Map.of("name", "automation", "roles", List.of("admin")))
                .post("/v1/organizations/" + org + "/keys");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        String keyId = created.path("result.keyId");
        String keySecret = created.path("result.keySecret");
        String key = Stories.basic(keyId, keySecret);
        // the gateway accepts the key once identity has announced it
        Stories.eventuallyStatus(() -> given().header("Authorization", key).get("/v1/organizations/" + org), 200);
        given().header("Authorization", Stories.basic(keyId, keySecret + "x")).get("/v1/organizations/" + org)
                .then().statusCode(401);

        try (EventTap tap = new EventTap(suite.kafkaBootstrap, "provisioning.events")) {
            Response service = given().header("Authorization", key).contentType(ContentType.JSON)
                    .body(Map.of("name", "story warehouse", "provider", "aws", "region", "eu-west-1",
                            "tier", "production", "minTotalMemoryGb", 24, "maxTotalMemoryGb", 48, "numReplicas", 3))
                    .post("/v1/organizations/" + org + "/services");
            assertThat(service.statusCode()).as(service.asString()).isEqualTo(200);
            String serviceId = service.path("result.service.id");
            assertThat(service.<String>path("result.password")).isNotBlank();
            String path = "/v1/organizations/" + org + "/services/" + serviceId;

            JsonNode running = tap.await("running", e -> STATE_CHANGED.equals(e.path("type").asText())
                    && serviceId.equals(e.path("data").path("serviceId").asText())
                    && "running".equals(e.path("data").path("state").asText()));
            assertThat(running.path("data").path("organizationId").asText()).isEqualTo(org);
            assertThat(given().header("Authorization", key).get(path).<String>path("result.state")).isEqualTo("running");

            // scale
            Response scaled = given().header("Authorization", key).contentType(ContentType.JSON)
                    .body(Map.of("minTotalMemoryGb", 48, "maxTotalMemoryGb", 96, "numReplicas", 3))
                    .patch(path + "/scaling");
            assertThat(scaled.statusCode()).as(scaled.asString()).isEqualTo(200);
            tap.await("scaled", EventTap.type("com.cumulus.provisioning.service.scaled.v1", "serviceId", serviceId));
            assertThat(given().header("Authorization", key).get(path).<Integer>path("result.maxTotalMemoryGb")).isEqualTo(96);

            // back up: a daily backup slot starting at the next minute (UTC); the backup pass takes it once it has passed
            String slot = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).format(DateTimeFormatter.ofPattern("HH:mm"));
            Response configured = given().header("Authorization", key).contentType(ContentType.JSON)
                    .body(Map.of("backupStartTime", slot)).patch(path + "/backupConfiguration");
            assertThat(configured.statusCode()).as(configured.asString()).isEqualTo(200);
            assertThat(configured.<String>path("result.backupStartTime")).isEqualTo(slot);
            JsonNode backedUp = Awaitility.await("backup").atMost(java.time.Duration.ofSeconds(150))
                    .pollInterval(java.time.Duration.ofMillis(250))
                    .until(() -> tap.about("serviceId", serviceId).stream()
                            .filter(e -> "com.cumulus.provisioning.backup.completed.v1".equals(e.path("type").asText()))
                            .findFirst().orElse(null), e -> e != null);
            Response backups = given().header("Authorization", key).get(path + "/backups");
            assertThat(backups.statusCode()).isEqualTo(200);
            List<String> backupIds = backups.path("result.id");
            assertThat(backupIds).isNotEmpty();
            Response backup = given().header("Authorization", key).get(path + "/backups/" + backupIds.get(0));
            assertThat(backup.statusCode()).isEqualTo(200);
            assertThat(backup.<String>path("result.serviceId")).isEqualTo(serviceId);
            assertThat(backup.<String>path("result.status")).isEqualTo("done");
            assertThat(backedUp.path("data").toString()).contains(backupIds.get(0));

            // stop
            given().header("Authorization", key).contentType(ContentType.JSON).body(Map.of("command", "stop"))
                    .patch(path + "/state").then().statusCode(200);
            tap.await("stopped", e -> STATE_CHANGED.equals(e.path("type").asText())
                    && serviceId.equals(e.path("data").path("serviceId").asText())
                    && "stopped".equals(e.path("data").path("state").asText()));

            // delete (only when stopped), then gone
            given().header("Authorization", key).delete(path).then().statusCode(200);
            tap.await("deleted", EventTap.type("com.cumulus.provisioning.service.deleted.v1", "serviceId", serviceId));
            given().header("Authorization", key).get(path).then().statusCode(404);
            assertThat(given().header("Authorization", key).get("/v1/organizations/" + org + "/services")
                    .<List<String>>path("result.id")).doesNotContain(serviceId);

            // every transition published exactly once, in order
            List<String> states = tap.about("serviceId", serviceId).stream()
                    .filter(e -> STATE_CHANGED.equals(e.path("type").asText()))
                    .map(e -> e.path("data").path("state").asText()).toList();
            assertThat(states).containsSubsequence("running", "stopping", "stopped", "terminating", "terminated");

            // the activity log shows every step, the ones the key asked for with the key as actor
            Response activities = Stories.eventually(() -> given().header("Authorization", key)
                            .get("/v1/organizations/" + org + "/activities"),
                    r -> r.statusCode() == 200 && r.<List<String>>path("result.findAll { it.serviceId == '"
                            + serviceId + "' }.type").containsAll(List.of("service_created", "service_scaled",
                            "service_updated", "backup_completed", "service_state_changed", "service_deleted")));
            List<Map<String, Object>> ofService = activities.path("result.findAll { it.serviceId == '" + serviceId + "' }");
            Set<String> byKey = ofService.stream().filter(a -> keyId.equals(a.get("actorId")))
                    .map(a -> (String) a.get("type")).collect(Collectors.toSet());
            assertThat(byKey).contains("service_created", "service_scaled", "service_updated", "service_state_changed");
            assertThat(ofService.stream().filter(a -> keyId.equals(a.get("actorId"))).map(a -> a.get("actorType")))
                    .containsOnly("api_key");
            assertThat(ofService.stream().filter(a -> keyId.equals(a.get("actorId"))
                    && "service_state_changed".equals(a.get("type")))).hasSizeGreaterThanOrEqualTo(2);
            // nobody else acted on it: the rest are the platform's own steps
            assertThat(ofService).allSatisfy(a -> assertThat(a.get("actorId")).isIn(keyId, null));
            String activityId = (String) ofService.get(0).get("id");
            given().header("Authorization", key).get("/v1/organizations/" + org + "/activities/" + activityId)
                    .then().statusCode(200);

            // a project from a template: its services are deployed, and the project is told when they run
            Response project = Stories.eventuallyStatus(() -> given().header("Authorization", key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "storefront", "org_id", org, "template_id", "web-app"))
                    .post("/console/projects"), 200);
            String projectId = project.path("id");
            Response notifications = Stories.eventually(() -> given().header("Authorization", key)
                            .get("/console/projects/" + projectId + "/notifications"),
                    r -> r.statusCode() == 200 && !r.jsonPath().getList("$").isEmpty());
            assertThat(notifications.asString()).contains("is running");
            assertThat(notifications.<List<String>>path("topic")).contains("service");
            JsonNode templateRunning = tap.await("template service running", e -> STATE_CHANGED.equals(e.path("type").asText())
                    && projectId.equals(e.path("data").path("projectId").asText())
                    && "running".equals(e.path("data").path("state").asText()));
            assertThat(templateRunning.path("data").path("organizationId").asText()).isEqualTo(org);
        }
    }
}
