package com.cumulus.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 4: a developer consumes an API product. A platform admin publishes a product whose plan needs approval and
 * allows few calls; the developer browses /public-products without a token, creates an app and a credential,
 * subscribes; the organization admin approves; the app gets a client_credentials token with the credential, calls the
 * product through the gateway until the plan's rate limit answers 429 with Retry-After; the developer resets the
 * secret and the old one stops working at the token endpoint.
 */
@ExtendWith(SuiteExtension.class)
class DeveloperConsumptionStoryIT {

    /** The bootstrap platform administrator of identity's local configuration. */
    static final String PLATFORM_ADMIN = "admin@cumulus.local";
    static final String PLATFORM_ADMIN_PASSWORD = "cumulus-admin-local";
    static final int PLAN_REQUESTS = 3;

    @Test
    void browseSubscribeApproveCallUntilRateLimitedResetSecret() {
        Suite suite = SuiteExtension.suite();
        String product = "e2e-maps-" + UUID.randomUUID().toString().substring(0, 6);
        String version = "1.0.0";
        publishProduct(suite, product, version);

        // browse without a token
        Response publicProducts = Stories.eventually(() -> given().get("/public-products"),
                r -> r.statusCode() == 200 && r.<List<String>>path("results.name").contains(product));
        assertThat(publicProducts.<String>path("results.find { it.name == '" + product + "' }.state"))
                .isEqualTo("published");
        Response document = given().get("/public-products/" + product + "/" + version + "/document");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.asString()).contains("gold");

        // an organization with its admin, and a developer the admin adds (seed 003)
        Stories.Account admin = Stories.register("consumer-admin", "Consumer Org");
        String org = admin.organizationId();
        String adminToken = Stories.loginWithRole(admin.email(), admin.password(), org, "admin");
        String developerEmail = Stories.uniqueEmail("developer");
        Response developerCreated = given().header("AUTHORIZATION", adminToken).contentType(ContentType.JSON)
                .body(Map.of("email", developerEmail, "password", Stories.PASSWORD, "firstName", "Dev", "lastName", "Eloper"))
                .post("/api/v1/developers");
        assertThat(developerCreated.statusCode()).as(developerCreated.asString()).isEqualTo(201);
        String developer = Stories.bearer(Stories.loginWithRole(developerEmail, Stories.PASSWORD, org, "developer"));

        // the developer creates an app and a credential for it
        String appName = "maps-client";
        Response app = given().header("Authorization", developer).contentType(ContentType.JSON)
                .body(Map.of("name", appName, "title", "Maps client", "application_type", "confidential"))
                .post("/apps/" + org);
        assertThat(app.statusCode()).as(app.asString()).isEqualTo(201);
        String appId = app.path("id");
        Response credential = given().header("Authorization", developer).contentType(ContentType.JSON)
                .body(Map.of("name", "backend", "title", "Backend credential"))
                .post("/apps/" + org + "/" + appId + "/credentials");
        assertThat(credential.statusCode()).as(credential.asString()).isEqualTo(201);
        String credentialId = credential.path("id");
        String clientId = credential.path("client_id");
        String clientSecret = credential.path("client_secret");
        assertThat(clientId).isNotBlank();
        assertThat(clientSecret).isNotBlank();
        // the secret is shown once
        assertThat(given().header("Authorization", developer).get("/apps/" + org + "/" + appId + "/credentials/" + credentialId)
                .<String>path("client_secret")).isNull();

        // subscribes to the plan that needs approval: pending; a developer cannot approve it
        Response subscribed = given().header("Authorization", developer).contentType(ContentType.JSON)
                .body(Map.of("product_url", "/products/" + product + "/" + version, "plan", "gold"))
                .post("/apps/" + org + "/" + appId + "/subscriptions");
        assertThat(subscribed.statusCode()).as(subscribed.asString()).isEqualTo(201);
        assertThat(subscribed.<String>path("state")).isEqualTo("pending");
        String subscription = "/apps/" + org + "/" + appId + "/subscriptions/" + subscribed.<String>path("id");
        given().header("Authorization", developer).contentType(ContentType.JSON).body(Map.of("state", "enabled"))
                .patch(subscription).then().statusCode(403);

        // the app can already get a token (identity learned of the credential from catalog.events) ...
        String accessToken = Stories.eventuallyStatus(() -> tokenRequest(clientId, clientSecret), 200).path("access_token");
        assertThat(Stories.claims(accessToken).getClaim("principal_type")).isEqualTo("client");

        // ... the admin approves
        Response approved = given().header("Authorization", Stories.bearer(adminToken)).contentType(ContentType.JSON)
                .body(Map.of("state", "enabled")).patch(subscription);
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.<String>path("state")).isEqualTo("enabled");

        // the app calls the product through the gateway until the plan's limit (3 calls an hour) answers 429
        String productPath = "/products/" + product + "/" + version;
        List<Integer> answers = new java.util.ArrayList<>();
        Response limited = Stories.eventually(() -> {
            Response r = given().header("Authorization", Stories.bearer(accessToken)).get(productPath);
            answers.add(r.statusCode());
            return r;
        }, r -> r.statusCode() == 429);
        // the plan's burst was served before the limit, and nothing else happened in between
        assertThat(answers.subList(0, answers.size() - 1)).hasSizeGreaterThanOrEqualTo(PLAN_REQUESTS).containsOnly(200);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        // the limit is the subscription's: every further call of the app is refused, other callers are not
        given().header("Authorization", Stories.bearer(accessToken)).get("/apis/weather/1.0.0").then().statusCode(429);
        given().header("Authorization", developer).get(productPath).then().statusCode(200);

        // a fresh token of the same client shares the subscription's bucket
        String second = tokenRequest(clientId, clientSecret).then().statusCode(200).extract().path("access_token");
        given().header("Authorization", Stories.bearer(second)).get(productPath).then().statusCode(429);

        // the developer resets the secret: the new one works, the old one is refused at the token endpoint
        Response reset = given().header("Authorization", developer).contentType(ContentType.JSON).body("{}")
                .post("/apps/" + org + "/" + appId + "/credentials/" + credentialId + "/reset-client-secret");
        assertThat(reset.statusCode()).as(reset.asString()).isEqualTo(200);
        String newSecret = reset.path("client_secret");
        assertThat(newSecret).isNotBlank().isNotEqualTo(clientSecret);
        Response refused = Stories.eventuallyStatus(() -> tokenRequest(clientId, clientSecret), 401);
        assertThat(refused.<String>path("error")).isEqualTo("invalid_client");
        Stories.eventuallyStatus(() -> tokenRequest(clientId, newSecret), 200);
        given().header("Authorization", developer).contentType(ContentType.JSON)
                .body(Map.of("client_secret", clientSecret))
                .post("/apps/" + org + "/" + appId + "/credentials/" + credentialId + "/verify-client-secret")
                .then().statusCode(200);
        assertThat(given().header("Authorization", developer).contentType(ContentType.JSON)
                .body(Map.of("client_secret", clientSecret))
                .post("/apps/" + org + "/" + appId + "/credentials/" + credentialId + "/verify-client-secret")
                .<Boolean>path("verified")).isFalse();
    }

    static Response tokenRequest(String clientId, String clientSecret) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", clientSecret)
                .post("/oauth2/v2/token");
    }

    /**
     * Nothing in the seeds publishes products: a platform administrator (who signs in through the gateway) uses
     * catalog's management API, which the gateway does not route (docs/catalog-service.md), on catalog directly.
     */
    static void publishProduct(Suite suite, String product, String version) {
        String platformAdmin = Stories.bearer(Stories.login(PLATFORM_ADMIN, PLATFORM_ADMIN_PASSWORD));
        assertThat(Stories.claims(platformAdmin.substring(7)).getClaim("platform_roles").toString())
                .contains("platform-admin");
        String catalog = suite.url("catalog-service");
        Response created = given().baseUri(catalog).header("Authorization", platformAdmin).contentType(ContentType.JSON)
                .body(Map.of("name", product, "version", version, "title", "Maps for the e2e story",
                        "summary", "Tiles and geocoding",
                        "visibility", Map.of("type", "public"),
                        "plans", List.of(
                                Map.of("name", "default", "title", "Default",
                                        "rate_limit", Map.of("requests", 100, "period_seconds", 60), "approval", false),
                                Map.of("name", "gold", "title", "Gold (approval, " + PLAN_REQUESTS + " calls an hour)",
                                        "rate_limit", Map.of("requests", PLAN_REQUESTS, "period_seconds", 3600),
                                        "approval", true)),
                        "apis", List.of(Map.of("name", "weather", "version", "1.0.0"))))
                .post("/internal/catalog/products");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        for (String state : List.of("staged", "published")) {
            Response changed = given().baseUri(catalog).header("Authorization", platformAdmin).contentType(ContentType.JSON)
                    .body(Map.of("state", state))
                    .patch("/internal/catalog/products/" + product + "/" + version + "/state");
            assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        }
        // the management API is not reachable through the gateway
        given().header("Authorization", platformAdmin).contentType(ContentType.JSON).body(Map.of("state", "retired"))
                .patch("/internal/catalog/products/" + product + "/" + version + "/state").then().statusCode(404);
    }
}
