package com.cumulus.gateway;

import com.cumulus.gateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.cumulus.gateway.support.Edge.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A dead or slow upstream answers 502/503/504 in the caller's dialect; CORS and OPTIONS at the edge. */
@QuarkusTest
class UpstreamFailureTest {

    @Test
    void aDeadUpstreamGives502ThenTheOpenCircuit503() {
        // provisioning points at a closed port; the test profile opens the circuit after 3 failures
        String jwt = Tokens.user().bearer();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", jwt).header("X-Request-Id", "dead-" + i)
                    .get("/v1/organizations/o-1/services").then()
                    .statusCode(502)
                    .header("X-Request-Id", "dead-" + i)
                    .body("status", equalTo(502))
                    .body("error", equalTo("provisioning is unreachable"))
                    .body("requestId", equalTo("dead-" + i));
        }
        given().header("Authorization", jwt).get("/v1/organizations/o-1/services/s-1").then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("error", equalTo("provisioning is temporarily unavailable"));
    }

    @Test
    void aSlowUpstreamGives504InTheDialect() {
        // the test profile waits 3 s for the upstream's answer; the echo upstream sleeps 8 s
        given().header("Authorization", Tokens.user().bearer()).header("X-Echo-Delay-Ms", "8000")
                .get("/api/v1/projects").then()
                .statusCode(504)
                .body("error.type", equalTo("Failed Dependency"))
                .body("error.message", equalTo("tenancy did not answer in time"));
        given().header("Authorization", Tokens.user().bearer()).get("/api/v1/projects").then().statusCode(200);
    }

    @Test
    void theResponseTimeoutCountsFromTheRequestNotFromTheConnectionsLastAnswer() throws InterruptedException {
        // pooled connections on every event loop, then idle for most of the 3 s response timeout
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", Tokens.user().bearer()).get("/api/v1/projects").then().statusCode(200);
        }
        Thread.sleep(2_500);
        // each answer takes 1.5 s: well inside the timeout counted from the request, past it counted from the last read
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", Tokens.user().bearer()).header("X-Echo-Delay-Ms", "1500")
                    .get("/api/v1/projects").then().statusCode(200);
        }
    }

    @Test
    void optionsIsAnsweredOnEveryPathWithThePreflightForAllowedOrigins() {
        given().header("Origin", "https://console.cumulus.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .options("/api/v1/session").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://console.cumulus.test")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Allow", equalTo("OPTIONS, POST"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/session/logout").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue());
        given().options("/api/v1/projects/p-1/consumers").then().statusCode(204).header("Allow", equalTo("OPTIONS, POST"));
        given().options("/v1/organizations/o-1/services/s-1").then().statusCode(204)
                .header("Allow", equalTo("DELETE, GET, OPTIONS, PATCH"));
    }

    @Test
    void proxiedAnswersCarryCorsHeadersForAllowedOrigins() {
        given().header("Origin", "https://console.cumulus.test").header("Authorization", Tokens.user().bearer())
                .get("/api/v1/projects").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://console.cumulus.test")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }
}
