package com.cumulus.provisioning.service;

import com.cumulus.provisioning.organization.OrganizationProjection;
import com.cumulus.provisioning.service.domain.Passwords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Scaling, replica scaling, password, private endpoint config and Prometheus endpoints. */
@QuarkusTest
class ServiceSettingsResourceTest {

    private static final String SERVICE = "/v1/organizations/{org}/services/{id}";

    @Test
    void scalingAcceptsMultiplesOf12WithinTheOrganizationsCap() {
        String org = newOrg();
        String admin = token(org, "developer");
        String id = createRunning(org, admin, "Scalable");

        patch(admin, SERVICE + "/scaling", org, id, Map.of("minTotalMemoryGb", 48, "maxTotalMemoryGb", 240,
                "idleScaling", false, "idleTimeoutMinutes", 10))
                .statusCode(200)
                .body("result.minTotalMemoryGb", equalTo(48))
                .body("result.maxTotalMemoryGb", equalTo(240))
                .body("result.idleScaling", equalTo(false))
                .body("result.idleTimeoutMinutes", equalTo(10))
                .body("result.minReplicaMemoryGb", equalTo(16))
                .body("result.maxReplicaMemoryGb", equalTo(80));

        patch(admin, SERVICE + "/scaling", org, id, Map.of("minTotalMemoryGb", 30))
                .statusCode(400).body("error", allOf(startsWith("minTotalMemoryGb:"), containsString("multiple of 12")));
        patch(admin, SERVICE + "/scaling", org, id, Map.of("maxTotalMemoryGb", 12))
                .statusCode(400).body("error", startsWith("maxTotalMemoryGb:"));
        patch(admin, SERVICE + "/scaling", org, id, Map.of("maxTotalMemoryGb", 480))
                .statusCode(400).body("error", allOf(startsWith("maxTotalMemoryGb:"), containsString("unpaid")));
        patch(admin, SERVICE + "/scaling", org, id, Map.of("minTotalMemoryGb", 264))
                .statusCode(400).body("error", startsWith("minTotalMemoryGb:"));
        patch(admin, SERVICE + "/scaling", org, id, Map.of("numReplicas", 21))
                .statusCode(400).body("error", startsWith("numReplicas:"));
        patch(admin, SERVICE + "/scaling", org, id, Map.of("idleTimeoutMinutes", 4))
                .statusCode(400).body("error", startsWith("idleTimeoutMinutes:"));
        assertThat(service(id).maxTotalMemoryGb).isEqualTo(240);

        markPaid(org);
        patch(admin, SERVICE + "/scaling", org, id, Map.of("maxTotalMemoryGb", 720))
                .statusCode(200).body("result.maxTotalMemoryGb", equalTo(720));
        assertThat(service(id).state).isEqualTo("running");

        given().header("Authorization", token(newOrg(), "admin")).contentType(ContentType.JSON)
                .body(Map.of("maxTotalMemoryGb", 48)).when().patch(SERVICE + "/scaling", org, id)
                .then().statusCode(404);
        given().header("Authorization", token(org, "reader")).contentType(ContentType.JSON)
                .body(Map.of("maxTotalMemoryGb", 48)).when().patch(SERVICE + "/scaling", org, id)
                .then().statusCode(403);
    }

    @Test
    void replicaScalingChecksPerReplicaMemoryReplicasAndTier() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = create(org, admin, body("Replicated"));

        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("minReplicaMemoryGb", 16,
                "maxReplicaMemoryGb", 120, "numReplicas", 5, "idleTimeoutMinutes", 5))
                .statusCode(200)
                .body("result.minReplicaMemoryGb", equalTo(16))
                .body("result.maxReplicaMemoryGb", equalTo(120))
                .body("result.numReplicas", equalTo(5))
                .body("result.minTotalMemoryGb", equalTo(80))
                .body("result.maxTotalMemoryGb", equalTo(600));

        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("minReplicaMemoryGb", 10))
                .statusCode(400).body("error", allOf(startsWith("minReplicaMemoryGb:"), containsString("multiple of 4")));
        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("minReplicaMemoryGb", 4))
                .statusCode(400).body("error", startsWith("minReplicaMemoryGb:"));
        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("maxReplicaMemoryGb", 160))
                .statusCode(400).body("error", allOf(startsWith("maxReplicaMemoryGb:"), containsString("unpaid")));
        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("numReplicas", 2))
                .statusCode(400).body("error", startsWith("numReplicas:"));
        patch(admin, SERVICE + "/replicaScaling", org, id, Map.of("idleTimeoutMinutes", 1))
                .statusCode(400).body("error", startsWith("idleTimeoutMinutes:"));

        Map<String, Object> dev = new HashMap<>(body("Dev sized"));
        dev.put("tier", "development");
        String devId = create(org, admin, dev);
        patch(admin, SERVICE + "/replicaScaling", org, devId, Map.of("minReplicaMemoryGb", 16))
                .statusCode(400).body("error", containsString("production"));
        patch(admin, SERVICE + "/scaling", org, devId, Map.of("maxTotalMemoryGb", 48))
                .statusCode(400).body("error", containsString("production"));

        given().header("Authorization", token(newOrg(), "admin")).contentType(ContentType.JSON)
                .body(Map.of("numReplicas", 4)).when().patch(SERVICE + "/replicaScaling", org, id)
                .then().statusCode(404);
        assertThat(service(id).numReplicas).isEqualTo(5);
    }

    @Test
    void passwordIsGeneratedOrTakenAsHash() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = create(org, admin, body("Secretive"));
        String before = service(id).passwordHash;

        String generated = patch(admin, SERVICE + "/password", org, id, Map.of()).statusCode(200)
                .body("status", equalTo(200)).body("result.password", notNullValue())
                .extract().path("result.password");
        assertThat(service(id).passwordHash).isEqualTo(Passwords.hash(generated)).isNotEqualTo(before);

        String hash = Passwords.hash("my own password");
        patch(admin, SERVICE + "/password", org, id, Map.of("newPasswordHash", hash,
                "newDoubleSha1Hash", "6bb4837eb74329105ee4568dda7dc67ed2ca2ad9"))
                .statusCode(200).body("result.password", nullValue());
        assertThat(service(id).passwordHash).isEqualTo(hash);
        assertThat(service(id).doubleSha1Hash).isEqualTo("6bb4837eb74329105ee4568dda7dc67ed2ca2ad9");

        patch(admin, SERVICE + "/password", org, id, Map.of("newPasswordHash", "not base64!"))
                .statusCode(400).body("error", startsWith("newPasswordHash:"));
        patch(admin, SERVICE + "/password", org, id, Map.of("newPasswordHash", "c2hvcnQ="))
                .statusCode(400).body("error", startsWith("newPasswordHash:"));
        patch(admin, SERVICE + "/password", org, id, Map.of("newPasswordHash", hash, "newDoubleSha1Hash", "xyz"))
                .statusCode(400).body("error", startsWith("newDoubleSha1Hash:"));
        assertThat(service(id).passwordHash).isEqualTo(hash);

        given().header("Authorization", token(newOrg(), "admin")).contentType(ContentType.JSON).body(Map.of())
                .when().patch(SERVICE + "/password", org, id).then().statusCode(404);
        given().header("Authorization", token(org, "billing")).contentType(ContentType.JSON).body(Map.of())
                .when().patch(SERVICE + "/password", org, id).then().statusCode(403);
    }

    @Test
    void privateEndpointConfigAtServiceAndOrganizationLevel() {
        String org = newOrg();
        String reader = token(org, "reader");
        String id = create(org, token(org, "admin"), body("Private link"));

        given().header("Authorization", reader).when().get(SERVICE + "/privateEndpointConfig", org, id).then()
                .statusCode(200)
                .body("status", equalTo(200))
                .body("result.endpointServiceId", startsWith("com.amazonaws.vpce.eu-west-1.vpce-svc-"))
                .body("result.privateDnsHostname", containsString("eu-west-1"));
        String orgLevel = given().header("Authorization", reader)
                .queryParam("cloud_provider", "aws").queryParam("region_id", "eu-west-1")
                .when().get("/v1/organizations/{org}/privateEndpointConfig", org).then().statusCode(200)
                .body("result.endpointServiceId", notNullValue()).extract().path("result.endpointServiceId");
        String serviceLevel = given().header("Authorization", reader)
                .when().get(SERVICE + "/privateEndpointConfig", org, id).then().extract()
                .path("result.endpointServiceId");
        assertThat(orgLevel).isEqualTo(serviceLevel);

        given().header("Authorization", reader).queryParam("region_id", "eu-west-1")
                .when().get("/v1/organizations/{org}/privateEndpointConfig", org).then().statusCode(400)
                .body("error", startsWith("cloud_provider:"));
        given().header("Authorization", reader).queryParam("cloud_provider", "gcp").queryParam("region_id", "eastus")
                .when().get("/v1/organizations/{org}/privateEndpointConfig", org).then().statusCode(400)
                .body("error", startsWith("region_id:"));
        String stranger = token(newOrg(), "admin");
        given().header("Authorization", stranger).when().get(SERVICE + "/privateEndpointConfig", org, id).then()
                .statusCode(404);
        given().header("Authorization", stranger).queryParam("cloud_provider", "aws").queryParam("region_id", "eu-west-1")
                .when().get("/v1/organizations/{org}/privateEndpointConfig", org).then().statusCode(404);
    }

    @Test
    void prometheusExposesStateAndResourcesPerServiceAndOrganization() {
        String org = newOrg();
        String admin = token(org, "admin");
        String running = createRunning(org, admin, "Metered one");
        String other = createRunning(org, admin, "Metered two");

        given().header("Authorization", admin).when().get(SERVICE + "/prometheus", org, running).then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("# TYPE cumulus_service_state gauge"))
                .body(containsString("cumulus_service_state{organization_id=\"" + org + "\",service_id=\"" + running
                        + "\",service_name=\"Metered one\",state=\"running\"} 1"))
                .body(containsString("cumulus_service_max_total_memory_gb{organization_id=\"" + org
                        + "\",service_id=\"" + running + "\",service_name=\"Metered one\"} 360"))
                .body(containsString("cumulus_service_replicas{"))
                .body(not(containsString(other)));
        given().header("Authorization", token(org, "reader")).when().get("/v1/organizations/{org}/prometheus", org)
                .then().statusCode(200)
                .body(containsString("service_id=\"" + running + "\""))
                .body(containsString("service_id=\"" + other + "\""))
                .body(containsString("cumulus_service_running{"));

        String stranger = token(newOrg(), "admin");
        given().header("Authorization", stranger).when().get("/v1/organizations/{org}/prometheus", org).then()
                .statusCode(404).contentType(ContentType.JSON).body("status", equalTo(404));
        given().header("Authorization", stranger).when().get(SERVICE + "/prometheus", org, running).then()
                .statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse patch(String bearer, String path, String org,
                                                                    String id, Map<String, Object> body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().patch(path, org, id).then();
    }

    private static void markPaid(String org) {
        onVertx(() -> Panache.withTransaction(() -> {
            OrganizationProjection p = new OrganizationProjection();
            p.organizationId = org;
            p.paid = true;
            p.name = "Paying";
            p.updatedAt = OffsetDateTime.now();
            return p.persist();
        }));
    }
}
