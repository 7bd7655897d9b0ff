package com.cumulus.provisioning.service;

import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.Passwords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class ServiceResourceTest {

    private static final String SERVICES = "/v1/organizations/{org}/services";
    private static final String SERVICE = "/v1/organizations/{org}/services/{id}";

    @Test
    void createReturnsStartingServiceAndPasswordOnceThenRunsAsynchronously() {
        String org = newOrg();
        String admin = token(org, "admin");
        Map<String, Object> body = new HashMap<>(body("Analytics prod"));
        body.put("ipAccessList", List.of(Map.of("source", "10.0.0.0/8", "description", "office")));
        body.put("minTotalMemoryGb", 48);
        body.put("maxTotalMemoryGb", 360);
        body.put("privateEndpointIds", List.of("vpce-1"));

        var response = given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post(SERVICES, org)
                .then().statusCode(200)
                .body("status", equalTo(200))
                .body("requestId", notNullValue())
                .body("result.service.state", equalTo("starting"))
                .body("result.service.name", equalTo("Analytics prod"))
                .body("result.service.provider", equalTo("aws"))
                .body("result.service.region", equalTo("eu-west-1"))
                .body("result.service.tier", equalTo("production"))
                .body("result.service.minTotalMemoryGb", equalTo(48))
                .body("result.service.maxTotalMemoryGb", equalTo(360))
                .body("result.service.numReplicas", equalTo(3))
                .body("result.service.idleScaling", equalTo(true))
                .body("result.service.ipAccessList[0].source", equalTo("10.0.0.0/8"))
                .body("result.service.privateEndpointIds", contains("vpce-1"))
                .body("result.service.endpoints[0].protocol", equalTo("https"))
                .body("result.service.createdAt", notNullValue())
                .body("result.password", notNullValue())
                .extract();
        String id = response.path("result.service.id");
        String password = response.path("result.password");

        ManagedService stored = service(id);
        assertThat(stored.passwordHash).isEqualTo(Passwords.hash(password)).isNotEqualTo(password);
        assertThat(reservations(org)).isEqualTo(1);

        awaitState(id, "running");
        given().header("Authorization", admin).when().get(SERVICE, org, id).then().statusCode(200)
                .body("result.state", equalTo("running"))
                .body("result.id", equalTo(id))
                .body(not(containsString(password)));
        given().header("Authorization", admin).when().get(SERVICES, org).then().statusCode(200)
                .body("result.id", contains(id));
    }

    @Test
    void developerMayCreateAndReaderOrBillingOnlyRead() {
        String org = newOrg();
        String id = create(org, token(org, "developer"), body("Dev made"));
        for (String role : List.of("reader", "billing")) {
            String bearer = token(org, role);
            given().header("Authorization", bearer).when().get(SERVICE, org, id).then().statusCode(200);
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(body("Nope"))
                    .when().post(SERVICES, org).then().statusCode(403).body("status", equalTo(403));
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("name", "x"))
                    .when().patch(SERVICE, org, id).then().statusCode(403);
            given().header("Authorization", bearer).when().delete(SERVICE, org, id).then().statusCode(403);
        }
        assertThat(servicesOf(org)).isEqualTo(1);
    }

    @Test
    void memberOfAnotherOrganizationGets404Everywhere() {
        String org = newOrg();
        String id = create(org, token(org, "admin"), body("Private one"));
        String other = newOrg();
        String stranger = token(other, "admin");

        given().header("Authorization", stranger).when().get(SERVICES, org).then().statusCode(404)
                .body("status", equalTo(404)).body("error", notNullValue()).body("requestId", notNullValue());
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(body("Sneaky"))
                .when().post(SERVICES, org).then().statusCode(404);
        given().header("Authorization", stranger).when().get(SERVICE, org, id).then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(Map.of("name", "Taken"))
                .when().patch(SERVICE, org, id).then().statusCode(404);
        given().header("Authorization", stranger).when().delete(SERVICE, org, id).then().statusCode(404);
        // the stranger's own organization does not see it either
        given().header("Authorization", stranger).when().get(SERVICE, other, id).then().statusCode(404);
        given().header("Authorization", stranger).when().get(SERVICES, other).then().statusCode(200)
                .body("result", empty());
        assertThat(service(id).name).isEqualTo("Private one");
    }

    @Test
    void unauthenticatedGets401() {
        given().when().get(SERVICES, newOrg()).then().statusCode(401);
    }

    @Test
    void invalidCreateNamesTheFieldAndWritesNothing() {
        String org = newOrg();
        String admin = token(org, "admin");
        invalid(org, admin, Map.of("name", "bad!name", "provider", "aws", "region", "eu-west-1"), "name");
        invalid(org, admin, Map.of("name", "x".repeat(51), "provider", "aws", "region", "eu-west-1"), "name");
        invalid(org, admin, Map.of("provider", "aws", "region", "eu-west-1"), "name");
        invalid(org, admin, Map.of("name", "ok", "provider", "ibm", "region", "eu-west-1"), "provider");
        invalid(org, admin, Map.of("name", "ok", "provider", "aws", "region", "eastus"), "region");
        invalid(org, admin, Map.of("name", "ok", "provider", "gcp", "region", "eu-west-1"), "region");
        invalid(org, admin, Map.of("name", "ok", "provider", "azure", "region", "eastus", "tier", "development"),
                "tier");
        invalid(org, admin, Map.of("name", "ok", "provider", "aws", "region", "eu-west-1", "tier", "huge"), "tier");
        invalid(org, admin, with("minTotalMemoryGb", 25), "minTotalMemoryGb");
        invalid(org, admin, with("maxTotalMemoryGb", 732), "maxTotalMemoryGb");
        invalid(org, admin, with("maxTotalMemoryGb", 372), "maxTotalMemoryGb"); // unpaid cap 360
        invalid(org, admin, with("numReplicas", 2), "numReplicas");
        invalid(org, admin, with("numReplicas", 21), "numReplicas");
        invalid(org, admin, with("idleTimeoutMinutes", 4), "idleTimeoutMinutes");
        invalid(org, admin, with("ipAccessList", List.of(Map.of("source", "10.0.0.0/33"))), "ipAccessList[0].source");
        invalid(org, admin, with("ipAccessList", List.of(Map.of("source", "not-an-ip"))), "ipAccessList[0].source");
        invalid(org, admin, with("backupId", "not-a-uuid"), "backupId");
        invalid(org, admin, with("backupId", "eb7cea43-10b2-42dd-8819-ab9aed37565f"), "backupId");
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post(SERVICES, org).then().statusCode(400).body("status", equalTo(400));

        assertThat(servicesOf(org)).isZero();
        assertThat(reservations(org)).isZero();
    }

    @Test
    void overQuotaIs409AndWritesNothing() {
        String org = newOrg();
        String admin = token(org, "admin");
        quotaLimit(org, 1);
        create(org, admin, body("First"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body("Second"))
                .when().post(SERVICES, org).then().statusCode(409).body("status", equalTo(409))
                .body("error", containsString("quota"));
        assertThat(servicesOf(org)).isEqualTo(1);
    }

    @Test
    void tenancyFailingIs503AndWritesNothing() {
        String org = newOrg();
        tenancyFails(org);
        given().header("Authorization", token(org, "admin")).contentType(ContentType.JSON).body(body("Unlucky"))
                .when().post(SERVICES, org).then().statusCode(503).body("status", equalTo(503));
        assertThat(servicesOf(org)).isZero();
    }

    @Test
    void patchRenamesAndEditsAccessListAndPrivateEndpoints() {
        String org = newOrg();
        String admin = token(org, "admin");
        Map<String, Object> body = new HashMap<>(body("Before"));
        body.put("ipAccessList", List.of(Map.of("source", "10.0.0.0/8", "description", "a"),
                Map.of("source", "192.168.1.1", "description", "b")));
        body.put("privateEndpointIds", List.of("pe-1", "pe-2"));
        String id = create(org, admin, body);

        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "After rename",
                        "ipAccessList", Map.of("add", List.of(Map.of("source", "2001:db8::/32", "description", "v6")),
                                "remove", List.of(Map.of("source", "192.168.1.1"))),
                        "privateEndpointIds", Map.of("add", List.of("pe-3"), "remove", List.of("pe-1"))))
                .when().patch(SERVICE, org, id).then().statusCode(200)
                .body("result.name", equalTo("After rename"))
                .body("result.ipAccessList.source", contains("10.0.0.0/8", "2001:db8::/32"))
                .body("result.privateEndpointIds", contains("pe-2", "pe-3"));

        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("ipAccessList", Map.of("add", List.of(Map.of("source", "300.1.1.1")))))
                .when().patch(SERVICE, org, id).then().statusCode(400)
                .body("error", containsString("ipAccessList.add[0].source"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("name", "no_underscores"))
                .when().patch(SERVICE, org, id).then().statusCode(400).body("error", containsString("name"));
        assertThat(service(id).name).isEqualTo("After rename");
        assertThat(service(id).ipAccessList()).hasSize(2);
    }

    @Test
    void deleteOnlyWhenStoppedThenTerminatesAndReleasesQuota() {
        String org = newOrg();
        String admin = token(org, "admin");
        String id = createRunning(org, admin, "Doomed");

        given().header("Authorization", admin).when().delete(SERVICE, org, id).then().statusCode(409)
                .body("status", equalTo(409)).body("error", containsString("stopped"));
        assertThat(service(id).state).isEqualTo("running");

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("command", "stop"))
                .when().patch(SERVICE + "/state", org, id).then().statusCode(200)
                .body("result.state", equalTo("stopping"));
        awaitState(id, "stopped");

        given().header("Authorization", admin).when().delete(SERVICE, org, id).then().statusCode(200)
                .body("status", equalTo(200)).body("requestId", notNullValue()).body("result", nullValue());
        awaitState(id, "terminated");
        // released by tenancy when it consumes service.deleted (here: the fake tenancy's event side)
        await().atMost(WAIT).until(() -> reservations(org) == 0);
        given().header("Authorization", admin).when().get(SERVICE, org, id).then().statusCode(404);
        given().header("Authorization", admin).when().get(SERVICES, org).then().body("result", empty());
    }

    @Test
    void unknownServiceIs404() {
        String org = newOrg();
        String admin = token(org, "admin");
        given().header("Authorization", admin).when().get(SERVICE, org, "eb7cea43-10b2-42dd-8819-ab9aed37565f")
                .then().statusCode(404).body("status", equalTo(404));
        given().header("Authorization", admin).when().get(SERVICE, org, "nope").then().statusCode(404);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = new HashMap<>(body("Valid name"));
        body.put(key, value);
        return body;
    }

    private static ValidatableResponse invalid(String org, String bearer, Map<String, Object> body, String field) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post(SERVICES, org)
                .then().statusCode(400)
                .body("status", equalTo(400))
                .body("error", startsWith(field + ":"))
                .body("requestId", notNullValue());
    }
}
