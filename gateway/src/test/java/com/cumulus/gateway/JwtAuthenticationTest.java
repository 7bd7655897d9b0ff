package com.cumulus.gateway;

import com.cumulus.gateway.support.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static com.cumulus.gateway.support.Edge.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Edge JWT authentication: what reaches the upstream, and every forged token refused with 401 in the dialect. */
@QuarkusTest
class JwtAuthenticationTest {

    @ConfigProperty(name = "cumulus.test.issuer.url")
    String issuerUrl;

    @Test
    void validTokenReachesTheUpstreamAsBearerWithTheVerifiedPrincipal() {
        Tokens tokens = Tokens.user();
        String jwt = tokens.sign();
        given().header("Authorization", "Bearer " + jwt).when().get("/api/v1/projects?indent=2").then()
                .statusCode(200)
                .body("upstream", equalTo("a"))
                .body("uri", equalTo("/api/v1/projects?indent=2"))
                .body("headers.authorization", equalTo("Bearer " + jwt))
                .body("headers.'x-authenticated-subject'", equalTo(tokens.subject))
                .body("headers.'x-authenticated-principal-type'", equalTo("user"));
    }

    @Test
    void largeBodiesAreStreamedBothWays() {
        byte[] body = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        given().header("Authorization", Tokens.user().bearer()).contentType("application/octet-stream").body(body)
                .when().put("/api/v1/projects/p-1/api").then()
                .statusCode(200)
                .body("upstream", equalTo("a"))
                .body("bodySize", equalTo(body.length));
    }

    @Test
    void requestsWithoutABodyAreSentUpstreamWithoutBodyFramingAndBodiesKeepTheirLength() {
        String bearer = Tokens.user().bearer();
        given().header("Authorization", bearer).when().get("/api/v1/projects").then()
                .statusCode(200)
                .body("method", equalTo("GET"))
                .body("bodySize", equalTo(0))
                .body("headers.'transfer-encoding'", nullValue())
                .body("headers.'content-length'", nullValue());
        given().header("Authorization", bearer).contentType("application/json").body("")
                .when().post("/api/v1/projects").then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodySize", equalTo(0))
                .body("headers.'transfer-encoding'", nullValue());
        given().header("Authorization", bearer).contentType("application/json").body("{\"name\":\"p\"}")
                .when().post("/api/v1/projects").then()
                .statusCode(200)
                .body("bodySize", equalTo(12))
                .body("headers.'content-length'", equalTo("12"))
                .body("headers.'transfer-encoding'", nullValue());
    }

    @Test
    void seed003RawAuthorizationHeaderIsRewrittenToBearer() {
        String jwt = Tokens.user().sign();
        given().header("AUTHORIZATION", jwt).when().delete("/api/v1/session/logout").then()
                .statusCode(200)
                .body("method", equalTo("DELETE"))
                .body("headers.authorization", equalTo("Bearer " + jwt));
    }

    @Test
    void missingCredentialsGet401InEachDialect() {
        given().when().get("/api/v1/projects").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.type", equalTo("Unauthorized"))
                .body("meta.params.indent", equalTo(0));
        given().when().get("/v1/organizations/o-1/members").then()
                .statusCode(401)
                .body("status", equalTo(401))
                .body("error", equalTo("authentication required"))
                .body("requestId", notNullValue());
        given().when().get("/console/projects/p-1").then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"))
                .body("request_id", notNullValue());
        given().when().get("/api/v1/organizations").then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"))
                .body("error_description", equalTo("authentication required"));
        given().when().get("/apps/org-1/app-1").then()
                .statusCode(401)
                .body("status", equalTo(401))
                .body("message[0]", equalTo("authentication required"));
    }

    @Test
    void everyForgedOrMisdirectedTokenIsRefused() throws Exception {
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("expired", Tokens.user().expired().sign());
        attacks.put("not yet valid", Tokens.user().notYetValid().sign());
        attacks.put("wrong issuer", Tokens.user().issuer("http://evil.example").sign());
        attacks.put("wrong audience", Tokens.user().audience("someone-else").sign());
        attacks.put("alg none", Tokens.user().unsigned());
        attacks.put("HMAC with the public key", Tokens.user().hmacWithPublicKey(publishedKey()));
        attacks.put("tampered payload", Tokens.user().tampered());
        attacks.put("foreign key, identity's kid", Tokens.user().foreignKeySameKid());
        attacks.put("foreign key, unknown kid", Tokens.user().foreignKeyUnknownKid());
        attacks.put("garbage", "not.a.jwt");
        attacks.put("two parts", "abc.def");
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            given().header("Authorization", "Bearer " + attack.getValue()).when().get("/console/projects/p-1")
                    .then().log().ifValidationFails()
                    .statusCode(401)
                    .body("error", equalTo("unauthorized"))
                    .body("request_id", notNullValue());
            given().header("AUTHORIZATION", attack.getValue()).when().get("/api/v1/me").then()
                    .statusCode(401)
                    .body("error.type", equalTo("Unauthorized"));
        }
        given().header("Authorization", "Digest abc").when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aRotatedSigningKeyIsPickedUpWithoutRestart() {
        EllipticCurveJsonWebKey next = Tokens.freshKey();
        String jwt = Tokens.user().signWith(next);
        given().header("Authorization", "Bearer " + jwt).when().get("/api/v1/projects").then().statusCode(401);

        RestAssured.given().body(Tokens.publicJson(next)).post(issuerUrl + "/admin/keys").then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + jwt).when().get("/api/v1/projects").then()
                        .statusCode(200));
    }

    @Test
    void aStalledKeyFetchHoldsATokenWithAnUnknownKeyIdOnlyUntilTheRefreshDeadline() throws Exception {
        // the issuer's next JWKS answer trickles in for 15 s, which no idle timeout notices; the refresh deadline
        // (2 x jwks-fetch-timeout + 1 s: 3 s in tests) lets the request go on, refused, well before the client's 10 s
        RestAssured.given().body("15000").post(issuerUrl + "/admin/trickle-jwks").then().statusCode(204);
        Thread.sleep(150); // past jwks-min-refetch-interval (100 ms in tests), so the unknown key id starts a refresh
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 10_000)))
                .header("Authorization", "Bearer " + Tokens.user().foreignKeyUnknownKid())
                .when().get("/console/projects/p-1").then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"));
        RestAssured.given().get(issuerUrl + "/admin/trickle-jwks").then()
                .body("pending", equalTo(0)); // the refresh did ask for the trickling answer
    }

    @Test
    void publicPathsPassWithoutCredentials() {
        given().when().get("/.well-known/openid-configuration").then().statusCode(200).body("upstream", equalTo("a"));
        given().when().get("/oauth2/v2/jwks").then().statusCode(200);
        given().contentType("application/json").body("{}").when().post("/api/v1/session").then().statusCode(200);
        given().when().post("/api/v1/register/approve-code").then().statusCode(200);
        given().when().post("/api/v1/forgot-password").then().statusCode(200);
        given().when().get("/public-products").then().statusCode(200).body("upstream", equalTo("b"));
        given().when().get("/oidc/callback?code=x").then().statusCode(200);
        given().when().post("/org-invitations/inv-1/register").then().statusCode(200);
        given().when().get("/consumer/identity-providers").then().statusCode(200);
        given().when().post("/orgs/acme/member-invitations/inv-2/register").then().statusCode(200);
        // the OAuth client's own Basic credentials go to the token endpoint untouched
        given().header("Authorization", "Basic Y2xpZW50OnNlY3JldA==").formParam("grant_type", "client_credentials")
                .when().post("/oauth2/v2/token").then()
                .statusCode(200)
                .body("headers.authorization", equalTo("Basic Y2xpZW50OnNlY3JldA=="));
        // the rest of the same prefixes are protected
        given().when().delete("/api/v1/session/logout").then().statusCode(401);
        given().when().get("/oauth2/v2/userinfo").then().statusCode(401);
        given().when().get("/products").then().statusCode(401);
        given().when().post("/org-invitations/inv-1/accept").then().statusCode(401);
        given().when().post("/orgs/acme/member-invitations/inv-2/accept").then().statusCode(401);
        given().when().get("/orgs/acme/member-invitations/inv-2/register").then().statusCode(401);
    }

    @Test
    void headersOnlyTheGatewayMaySetAreStripped() {
        Tokens tokens = Tokens.user();
        given().header("Authorization", tokens.bearer())
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.9")
                .header("X-Real-IP", "203.0.113.9")
                .header("X-Cumulus-Organization", "someone-elses")
                .header("X-Authenticated-Subject", "platform-admin")
                .header("X-Authenticated-Roles", "platform-admin")
                .when().get("/api/v1/projects").then()
                .statusCode(200)
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-host'", not(equalTo("evil.example")))
                .body("headers.forwarded", nullValue())
                .body("headers.'x-real-ip'", equalTo("127.0.0.1"))
                .body("headers.'x-cumulus-organization'", nullValue())
                .body("headers.'x-authenticated-roles'", nullValue())
                .body("headers.'x-authenticated-subject'", equalTo(tokens.subject));
    }

    @Test
    void requestIdIsAcceptedOrGeneratedPassedUpstreamAndReturned() {
        String jwt = Tokens.user().bearer();
        given().header("Authorization", jwt).header("X-Request-Id", "client-req-7").when().get("/api/v1/projects")
                .then().statusCode(200)
                .header("X-Request-Id", "client-req-7")
                .body("headers.'x-request-id'", equalTo("client-req-7"));
        var generated = given().header("Authorization", jwt).header("X-Request-Id", "bad id; drop table")
                .when().get("/api/v1/projects").then().statusCode(200).extract();
        String id = generated.header("X-Request-Id");
        assertThat(id).isNotEqualTo("bad id; drop table");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(generated.jsonPath().getString("headers.'x-request-id'")).isEqualTo(id);
    }

    private String publishedKey() throws Exception {
        String jwks = RestAssured.get(issuerUrl + "/jwks").asString();
        ObjectMapper mapper = new ObjectMapper();
        return mapper.writeValueAsString(mapper.readTree(jwks).path("keys").get(0));
    }
}
