package com.cumulus.provisioning.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static com.cumulus.provisioning.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdlePassTest {

    @Inject
    IdlePass idle;

    @Test
    void idleScalingServiceGoesIdleAfterItsTimeoutAndStartBringsItBack() {
        String org = newOrg();
        String admin = token(org, "admin");
        String sleepy = createRunning(org, admin, "Sleepy");
        Map<String, Object> awake = new HashMap<>(body("Always on"));
        awake.put("idleScaling", false);
        String alwaysOn = create(org, admin, awake);
        awaitState(alwaysOn, "running");
        OffsetDateTime soon = service(sleepy).updatedAt.plusMinutes(5);
        OffsetDateTime later = service(sleepy).updatedAt.plusMinutes(16);

        onVertx(() -> idle.run(soon));
        assertThat(service(sleepy).state).isEqualTo("running");
        onVertx(() -> idle.run(later));
        assertThat(service(sleepy).state).isEqualTo("idle");
        assertThat(service(alwaysOn).state).isEqualTo("running");

        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("command", "start"))
                .when().patch("/v1/organizations/{org}/services/{id}/state", org, sleepy).then().statusCode(200)
                .body("result.state", equalTo("starting"));
        awaitState(sleepy, "running");
    }
}
