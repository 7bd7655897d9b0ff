package com.cumulus.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.cumulus.gateway.support.Edge.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class GatewayEndpointsTest {

    @Test
    void isReady() {
        given().when().get("/q/health/ready").then().log().ifValidationFails().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownOperationGets404InTheCallersDialect() {
        given().header("X-Request-Id", "req-42").when().get("/v1/nothing-here").then()
                .statusCode(404)
                .header("X-Request-Id", "req-42");
        given().when().get("/v1/organizations-typo").then()
                .statusCode(404)
                .body("status", equalTo(404))
                .body("requestId", notNullValue());
    }
}
