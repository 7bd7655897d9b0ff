package com.cumulus.provisioning.events;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.provisioning.EventTap;
import com.cumulus.provisioning.backup.application.BackupPass;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.organization.OrganizationProjection;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class TenancyAndCatalogEventsTest {

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @Inject
    BackupPass pass;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void organizationEventsProjectThePaidFlagIdempotently() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = createRunning(org, admin, "Upgrade me");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("maxTotalMemoryGb", 720))
                .when().patch("/v1/organizations/{org}/services/{id}/scaling", org, id).then().statusCode(400);

        CloudEvent paid = event("com.cumulus.tenancy.organization.updated.v1", org, Map.of("organizationId", org,
                "name", "Acme", "type", "company", "state", "active", "paid", true, "emailDomain", "acme.test"));
        send("tenancy.events", org, paid, paid);
        await().atMost(WAIT).until(() -> paid(org));

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("maxTotalMemoryGb", 720))
                .when().patch("/v1/organizations/{org}/services/{id}/scaling", org, id).then().statusCode(200);
    }

    @Test
    void organizationDeletedStopsAndDeletesItsServicesAndBackups() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String admin = token(org, "admin");
            String running = createRunning(org, admin, "Running victim");
            String stopped = createRunning(org, admin, "Stopped victim");
            given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("command", "stop"))
                    .when().patch("/v1/organizations/{org}/services/{id}/state", org, stopped).then().statusCode(200);
            awaitState(stopped, "stopped");
            java.time.OffsetDateTime later = service(running).createdAt.plusHours(30);
            onVertx(() -> pass.run(later));
            assertThat(backupsOf(org)).isPositive();

            CloudEvent deleted = event("com.cumulus.tenancy.organization.deleted.v1", org,
                    Map.of("organizationId", org));
            send("tenancy.events", org, deleted);

            awaitState(running, "terminated");
            awaitState(stopped, "terminated");
            assertThat(backupsOf(org)).isZero();
            await().atMost(WAIT).until(() -> tap.story(running).contains("service.deleted"));
            assertThat(tap.story(running)).containsSubsequence("running>stopping", "stopping>stopped",
                    "stopped>terminating", "terminating>terminated", "service.deleted");
            await().atMost(WAIT).until(() -> tap.story(stopped).contains("service.deleted"));
            assertThat(tap.story(stopped)).containsSubsequence("stopped>terminating", "terminating>terminated");
        }
    }

    @Test
    void projectCreatedFromTemplateDeploysTheTemplatesServices() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String templateId = UUID.randomUUID().toString();
            String projectId = UUID.randomUUID().toString();
            CloudEvent published = event("com.cumulus.catalog.template.published.v1", templateId, Map.of(
                    "templateId", templateId, "name", "Analytics starter",
                    "services", List.of(
                            Map.of("name", "warehouse", "provider", "aws", "region", "us-east-1",
                                    "tier", "production", "memoryGb", 48),
                            Map.of("name", "scratch-pad", "provider", "gcp", "region", "us-central1",
                                    "tier", "development", "memoryGb", 24))));
            send("catalog.events", templateId, published);
            await().atMost(WAIT).until(() -> onVertx(() -> Panache.withSession(
                    () -> com.cumulus.provisioning.template.ServiceTemplate.findById(templateId))) != null);

            Map<String, Object> project = new HashMap<>();
            project.put("projectId", projectId);
            project.put("organizationId", org);
            project.put("name", "Analytics");
            project.put("templateId", templateId);
            project.put("parameters", Map.of());
            CloudEvent created = event("com.cumulus.tenancy.project.created.v1", projectId, project);
            send("tenancy.events", projectId, created, created);

            await().atMost(WAIT).until(() -> deployed(projectId).size() == 2
                    && deployed(projectId).stream().allMatch(s -> s.state.equals("running")));
            List<ManagedService> services = deployed(projectId);
            assertThat(services).extracting(s -> s.name).containsExactlyInAnyOrder("warehouse", "scratch pad");
            assertThat(services).allMatch(s -> s.organizationId.equals(org));
            ManagedService warehouse = services.stream().filter(s -> s.name.equals("warehouse")).findFirst()
                    .orElseThrow();
            assertThat(warehouse.maxTotalMemoryGb).isEqualTo(48);

            String key = warehouse.id.toString();
            await().atMost(WAIT).until(() -> tap.story(key).contains("provisioning>running"));
            CloudEvent runningEvent = tap.of(key).stream()
                    .filter(e -> "running".equals(e.data().path("state").asText())).findFirst().orElseThrow();
            assertThat(runningEvent.data().get("projectId").asText()).isEqualTo(projectId);
            given().header("Authorization", token(org, "reader")).when().get("/v1/organizations/{org}/services", org)
                    .then().statusCode(200).body("result", hasSize(2));
        }
    }

    @Test
    void templateServicesReserveQuotaByEventAndFailWhenOverQuota() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            quotaLimit(org, 1);
            String templateId = publishTemplate("Pair", "left", "right");
            String projectId = deployProject(org, templateId);

            // tenancy (the fake's event side) reserves one and refuses the other: never silently
            await().atMost(WAIT).until(() -> deployed(projectId).size() == 2
                    && deployed(projectId).stream().anyMatch(s -> s.state.equals("running"))
                    && deployed(projectId).stream().anyMatch(s -> s.state.equals("failed")));
            ManagedService refused = deployed(projectId).stream().filter(s -> s.state.equals("failed")).findFirst()
                    .orElseThrow();
            assertThat(refused.stateReason).isEqualTo("quota exceeded");
            assertThat(refused.quota).isEqualTo(ManagedService.QUOTA_REJECTED);
            assertThat(refused.provisioned).isFalse();
            assertThat(reservations(org)).isEqualTo(1);
            String key = refused.id.toString();
            await().atMost(WAIT).until(() -> tap.story(key).contains("starting>failed"));
            assertThat(tap.story(key)).containsExactly("service.created", "service.quota-requested",
                    "starting>failed");
            assertThat(tap.of(key).get(2).data().get("reason").asText()).isEqualTo("quota exceeded");
            // a template service asks by event: tenancy has no synchronous reservation to confirm on service.created
            assertThat(tap.of(key).get(0).data().get("quota").asText()).isEqualTo("requested");

            // a duplicate answer changes nothing
            Map<String, Object> answer = Map.of("organizationId", org, "kind", "services", "quantity", 1,
                    "reference", key);
            send("tenancy.events", org, event(TenancyEventsConsumer.QUOTA_REJECTED, org, answer));

            // more quota, then start: tenancy is asked again, reserves, the service runs
            quotaLimit(org, 2);
            given().header("Authorization", token(org, "admin")).contentType(ContentType.JSON)
                    .body(Map.of("command", "start")).when()
                    .patch("/v1/organizations/{org}/services/{id}/state", org, key)
                    .then().statusCode(200).body("result.state", equalTo("starting"));
            awaitState(key, "running");
            assertThat(service(key).quota).isEqualTo(ManagedService.QUOTA_RESERVED);
            assertThat(reservations(org)).isEqualTo(2);
            // the state is committed with its event; the event reaches the tap through the relay and Kafka after it
            await().atMost(WAIT).until(() -> tap.story(key).contains("provisioning>running"));
            assertThat(tap.story(key)).containsSubsequence("starting>failed", "failed>starting",
                    "service.quota-requested", "starting>provisioning", "provisioning>running");
        }
    }

    private String publishTemplate(String name, String... services) {
        String templateId = UUID.randomUUID().toString();
        List<Map<String, Object>> entries = java.util.Arrays.stream(services)
                .map(n -> Map.<String, Object>of("name", n, "provider", "aws", "region", "us-east-1",
                        "tier", "production", "memoryGb", 24)).toList();
        send("catalog.events", templateId, event("com.cumulus.catalog.template.published.v1", templateId,
                Map.of("templateId", templateId, "name", name, "services", entries)));
        await().atMost(WAIT).until(() -> onVertx(() -> Panache.withSession(
                () -> com.cumulus.provisioning.template.ServiceTemplate.findById(templateId))) != null);
        return templateId;
    }

    private String deployProject(String org, String templateId) {
        String projectId = UUID.randomUUID().toString();
        Map<String, Object> project = new HashMap<>();
        project.put("projectId", projectId);
        project.put("organizationId", org);
        project.put("name", "Deployed");
        project.put("templateId", templateId);
        project.put("parameters", Map.of());
        send("tenancy.events", projectId, event("com.cumulus.tenancy.project.created.v1", projectId, project));
        return projectId;
    }

    private CloudEvent event(String type, String subject, Map<String, Object> data) {
        return CloudEvent.of("/test", type, subject, null, null, mapper.valueToTree(data));
    }

    private void send(String topic, String key, CloudEvent... events) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            List<ProducerRecord<String, String>> records = java.util.Arrays.stream(events)
                    .map(e -> new ProducerRecord<>(topic, key, codec.write(e))).toList();
            kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
        }
    }

    private static boolean paid(String org) {
        Boolean paid = onVertx(() -> Panache.withSession(() -> OrganizationProjection.isPaid(org)));
        return Boolean.TRUE.equals(paid);
    }

    private static long backupsOf(String org) {
        return onVertx(() -> Panache.withSession(() -> ServiceBackup.count("organizationId", org)));
    }

    private static List<ManagedService> deployed(String projectId) {
        return onVertx(() -> Panache.withSession(() -> ManagedService.<ManagedService>list("projectId", projectId)));
    }
}
