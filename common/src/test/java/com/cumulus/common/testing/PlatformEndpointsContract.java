package com.cumulus.common.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every data-owning service exposes for operations: readiness covering PostgreSQL and the outbox relay, the
 * OpenAPI document and Prometheus metrics. A service's {@code @QuarkusTest} subclass runs it against its own boot.
 */
public abstract class PlatformEndpointsContract {

    @Test
    void readinessChecksDatabaseKafkaAndOutboxRelay() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox-relay"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void servesOpenApiAndPrometheusMetrics() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("cumulus_outbox_publish_lag"));
    }
}
