package com.cumulus.provisioning.backup;

import com.cumulus.provisioning.EventTap;
import com.cumulus.provisioning.backup.application.BackupPass;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class BackupResourceTest {

    private static final String BACKUPS = "/v1/organizations/{org}/services/{id}/backups";
    private static final String CONFIG = "/v1/organizations/{org}/services/{id}/backupConfiguration";

    @Inject
    BackupPass pass;

    @Test
    void scheduledPassTakesBackupsListsNewestFirstAndExpiresAfterRetention() {
        try (EventTap tap = EventTap.events()) {
            String org = newOrg();
            String admin = token(org, "admin");
            String id = createRunning(org, admin, "Backed up");
            OffsetDateTime created = service(id).createdAt;

            onVertx(() -> pass.run(created.plusHours(1)));
            given().header("Authorization", admin).when().get(BACKUPS, org, id).then().statusCode(200)
                    .body("result", empty());

            onVertx(() -> pass.run(created.plusHours(25)));
            onVertx(() -> pass.run(created.plusHours(26)));
            onVertx(() -> pass.run(created.plusHours(50)));
            List<String> ids = given().header("Authorization", admin).when().get(BACKUPS, org, id).then()
                    .statusCode(200)
                    .body("status", equalTo(200))
                    .body("result", hasSize(2))
                    .body("result[0].status", equalTo("done"))
                    .body("result[0].type", equalTo("full"))
                    .body("result[0].serviceId", equalTo(id))
                    .body("result[0].sizeInBytes", greaterThan(0L))
                    .extract().path("result.id");
            List<String> started = given().header("Authorization", admin).when().get(BACKUPS, org, id).then()
                    .extract().path("result.startedAt");
            assertThat(started.get(0)).isGreaterThan(started.get(1));

            given().header("Authorization", admin).when().get(BACKUPS + "/{b}", org, id, ids.get(1)).then()
                    .statusCode(200).body("result.id", equalTo(ids.get(1)));
            given().header("Authorization", admin).when().get(BACKUPS + "/{b}", org, id,
                    "eb7cea43-10b2-42dd-8819-ab9aed37565f").then().statusCode(404);

            // default retention 48h: the +25h backup expires at +73h, the +50h one survives
            onVertx(() -> pass.run(created.plusHours(74)));
            given().header("Authorization", admin).when().get(BACKUPS, org, id).then()
                    .body("result.id", not(hasItem(ids.get(1))))
                    .body("result.id", hasItem(ids.get(0)));

            await().atMost(WAIT).until(() -> tap.story(id).contains("backup.expired"));
            assertThat(tap.story(id)).contains("backup.completed");
            var completed = tap.of(id).stream().filter(e -> e.type().endsWith("backup.completed.v1")).findFirst()
                    .orElseThrow();
            assertThat(completed.data().get("backupId").asText()).isIn(ids);
            assertThat(completed.data().get("organizationId").asText()).isEqualTo(org);
        }
    }

    @Test
    void backupsOfAnotherOrganizationAre404() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = createRunning(org, admin, "Guarded");
        OffsetDateTime later = service(id).createdAt.plusHours(30);
        onVertx(() -> pass.run(later));
        String backupId = given().header("Authorization", admin).when().get(BACKUPS, org, id).then()
                .extract().path("result[0].id");
        String stranger = token(newOrg(), "admin");
        given().header("Authorization", stranger).when().get(BACKUPS, org, id).then().statusCode(404)
                .body("status", equalTo(404));
        given().header("Authorization", stranger).when().get(BACKUPS + "/{b}", org, id, backupId).then()
                .statusCode(404);
        given().header("Authorization", stranger).when().get(CONFIG, org, id).then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(Map.of("backupPeriodInHours", 2))
                .when().patch(CONFIG, org, id).then().statusCode(404);
        // restoring another organization's backup is refused as unknown
        Map<String, Object> restore = new HashMap<>(body("Thief"));
        String otherOrg = newOrg();
        restore.put("backupId", backupId);
        given().header("Authorization", token(otherOrg, "admin")).contentType(ContentType.JSON).body(restore)
                .when().post("/v1/organizations/{org}/services", otherOrg).then().statusCode(400)
                .body("error", startsWith("backupId:"));
    }

    @Test
    void restoreCreatesServiceFromBackupInSameRegionAndTier() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = createRunning(org, admin, "Origin");
        OffsetDateTime later = service(id).createdAt.plusHours(30);
        onVertx(() -> pass.run(later));
        String backupId = given().header("Authorization", admin).when().get(BACKUPS, org, id).then()
                .extract().path("result[0].id");

        Map<String, Object> wrongRegion = new HashMap<>(Map.of("name", "Restored", "provider", "aws",
                "region", "us-east-1", "tier", "production", "backupId", backupId));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(wrongRegion)
                .when().post("/v1/organizations/{org}/services", org).then().statusCode(400)
                .body("error", startsWith("backupId:"));
        Map<String, Object> wrongTier = new HashMap<>(body("Restored"));
        wrongTier.put("tier", "development");
        wrongTier.put("backupId", backupId);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(wrongTier)
                .when().post("/v1/organizations/{org}/services", org).then().statusCode(400)
                .body("error", startsWith("backupId:"));

        Map<String, Object> restore = new HashMap<>(body("Restored"));
        restore.put("backupId", backupId);
        String restored = create(org, admin, restore);
        assertThat(service(restored).restoredFromBackupId.toString()).isEqualTo(backupId);
        awaitState(restored, "running");
    }

    @Test
    void configurationDefaultsPatchAndNullReset() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = create(org, admin, body("Configured"));

        given().header("Authorization", admin).when().get(CONFIG, org, id).then().statusCode(200)
                .body("result.backupPeriodInHours", equalTo(24))
                .body("result.backupRetentionPeriodInHours", equalTo(48))
                .body("result.backupStartTime", nullValue());
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("backupPeriodInHours", 6, "backupRetentionPeriodInHours", 72))
                .when().patch(CONFIG, org, id).then().statusCode(200)
                .body("result.backupPeriodInHours", equalTo(6))
                .body("result.backupRetentionPeriodInHours", equalTo(72));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("backupStartTime", "03:30"))
                .when().patch(CONFIG, org, id).then().statusCode(200)
                .body("result.backupPeriodInHours", equalTo(24))
                .body("result.backupRetentionPeriodInHours", equalTo(72))
                .body("result.backupStartTime", equalTo("03:30"));
        Map<String, Object> reset = new HashMap<>();
        reset.put("backupStartTime", null);
        reset.put("backupPeriodInHours", null);
        reset.put("backupRetentionPeriodInHours", null);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(reset)
                .when().patch(CONFIG, org, id).then().statusCode(200)
                .body("result.backupPeriodInHours", equalTo(24))
                .body("result.backupRetentionPeriodInHours", equalTo(48))
                .body("result.backupStartTime", nullValue());

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("backupStartTime", "25:00"))
                .when().patch(CONFIG, org, id).then().statusCode(400).body("error", startsWith("backupStartTime:"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("backupPeriodInHours", 0))
                .when().patch(CONFIG, org, id).then().statusCode(400)
                .body("error", startsWith("backupPeriodInHours:"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("backupRetentionPeriodInHours", "long"))
                .when().patch(CONFIG, org, id).then().statusCode(400)
                .body("error", startsWith("backupRetentionPeriodInHours:"));
        given().header("Authorization", token(org, "developer")).contentType(ContentType.JSON)
                .body(Map.of("backupPeriodInHours", 2)).when().patch(CONFIG, org, id).then().statusCode(403);
        given().header("Authorization", token(org, "reader")).when().get(CONFIG, org, id).then().statusCode(200);
        assertThat(service(id).backupPeriodHours).isNull();
    }

    @Test
    void startTimeScheduleTakesOneBackupPerDailySlot() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = createRunning(org, admin, "Nightly");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("backupStartTime", "02:00"))
                .when().patch(CONFIG, org, id).then().statusCode(200);
        OffsetDateTime dayAfter = service(id).createdAt.withOffsetSameInstant(ZoneOffset.UTC).plusDays(1)
                .withHour(2).withMinute(30);
        onVertx(() -> pass.run(dayAfter));
        onVertx(() -> pass.run(dayAfter.plusHours(3)));
        given().header("Authorization", admin).when().get(BACKUPS, org, id).then().body("result", hasSize(1));
        onVertx(() -> pass.run(dayAfter.plusHours(24)));
        given().header("Authorization", admin).when().get(BACKUPS, org, id).then().body("result", hasSize(2));
    }
}
