package com.cumulus.catalog.subscription;

import com.cumulus.catalog.EventProbe;
import com.cumulus.catalog.product.ProductCatalogResourceTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.cumulus.catalog.Fixtures.createApp;
import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.outsider;
import static com.cumulus.catalog.Fixtures.token;
import static com.cumulus.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class SubscriptionResourceTest {

    private static String subscribe(String token, String appUrl, String productUrl, String plan, int status) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("product_url", productUrl, "plan", plan))
                .post(appUrl + "/subscriptions").then().statusCode(status).extract().path("id");
    }

    private static void patchState(String token, String url, String state, int status) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("state", state))
                .patch(url).then().statusCode(status);
    }

    @Test
    void planWithoutApprovalIsEnabledAndPublishesRateLimitAndClientIds() {
        String org = newOrg();
        String dev = token(org, "developer");
        JsonPath app = createApp(dev, org, unique("app"));
        String appUrl = "/apps/" + org + "/" + app.getString("id");
        try (EventProbe events = EventProbe.catalog()) {
            String id = subscribe(dev, appUrl, "/products/weather-product/1.0.0", "default", 201);
            given().header("Authorization", dev).get(appUrl + "/subscriptions/" + id).then().statusCode(200)
                    .body("type", equalTo("subscription"))
                    .body("state", equalTo("enabled"))
                    .body("plan", equalTo("default"))
                    .body("product.name", equalTo("weather-product"))
                    .body("product_url", equalTo("/products/weather-product/1.0.0"));
            given().header("Authorization", dev).get(appUrl + "/subscriptions/" + id + "?fields=state").then()
                    .statusCode(200).body("state", equalTo("enabled")).body("$", not(hasKey("plan")));
            given().header("Authorization", dev)
                    .get("/apps/" + org + "/" + app.getString("name") + "/subscriptions/weather-product-1.0.0-default")
                    .then().statusCode(200).body("id", equalTo(id))
                    .body("app_url", equalTo("/apps/" + org + "/" + app.getString("id")))
                    .body("product.title", notNullValue())
                    .body("created_at", notNullValue());
            String otherOrg = newOrg();
            given().header("Authorization", token(otherOrg, "developer"))
                    .get("/apps/" + otherOrg + "/" + app.getString("id") + "/subscriptions/" + id)
                    .then().statusCode(404);
            JsonNode data = events.one("com.cumulus.catalog.subscription.changed.v1", id).get("data");
            assertThat(data.get("state").asText()).isEqualTo("enabled");
            assertThat(data.get("organizationId").asText()).isEqualTo(org);
            assertThat(data.get("productName").asText()).isEqualTo("weather-product");
            assertThat(data.get("productVersion").asText()).isEqualTo("1.0.0");
            assertThat(data.get("rateLimit").get("requests").asLong()).isEqualTo(100);
            assertThat(data.get("rateLimit").get("periodSeconds").asLong()).isEqualTo(60);
            assertThat(data.get("clientIds").get(0).asText()).isEqualTo(app.getString("client_id"));

            // a second subscription to the same product is a conflict
            subscribe(dev, appUrl, "/products/weather-product/1.0.0", "gold", 409);

            patchState(dev, appUrl + "/subscriptions/" + id, "disabled", 200);
            patchState(dev, appUrl + "/subscriptions/" + id, "disabled", 409);
            patchState(dev, appUrl + "/subscriptions/" + id, "pending", 409);
            patchState(dev, appUrl + "/subscriptions/" + id, "enabled", 200);
            assertThat(events.await("com.cumulus.catalog.subscription.changed.v1", id, 3).get(2)
                    .get("data").get("state").asText()).isEqualTo("enabled");

            given().header("Authorization", dev).delete(appUrl + "/subscriptions/" + id).then().statusCode(200)
                    .body("id", equalTo(id));
            given().header("Authorization", dev).get(appUrl + "/subscriptions/" + id).then().statusCode(404);
            events.one("com.cumulus.catalog.subscription.deleted.v1", id);
        }
    }

    @Test
    void approvalPlansStartPendingAndOnlyAnAdministratorDecides() {
        String org = newOrg();
        String dev = token(org, "developer");
        String admin = token(org, "admin");
        String appUrl = "/apps/" + org + "/" + createApp(dev, org, unique("app")).getString("id");
        String id = subscribe(dev, appUrl, "https://portal.example/consumer-api/products/weather-product/1.0.0",
                "gold", 201);
        String url = appUrl + "/subscriptions/" + id;
        given().header("Authorization", dev).get(url).then().statusCode(200).body("state", equalTo("pending"));
        patchState(dev, url, "enabled", 403);
        patchState(admin, url, "disabled", 409);
        patchState(admin, url, "enabled", 200);
        given().header("Authorization", dev).get(url).then().statusCode(200).body("state", equalTo("enabled"));

        String app2 = "/apps/" + org + "/" + createApp(dev, org, unique("app")).getString("id");
        String rejected = subscribe(dev, app2, "/products/weather-product/1.0.0", "gold", 201);
        patchState(admin, app2 + "/subscriptions/" + rejected, "rejected", 200);
        patchState(admin, app2 + "/subscriptions/" + rejected, "enabled", 409);
    }

    @Test
    void onlyVisiblePublishedProductsAndExistingPlansCanBeSubscribed() {
        String org = newOrg();
        String dev = token(org, "developer");
        String appUrl = "/apps/" + org + "/" + createApp(dev, org, unique("app")).getString("id");
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("product_url", "/products/weather-product/1.0.0", "plan", "platinum"))
                .post(appUrl + "/subscriptions").then().statusCode(400).body("field", equalTo("plan"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("product_url", "nonsense", "plan", "default"))
                .post(appUrl + "/subscriptions").then().statusCode(400).body("field", equalTo("product_url"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("plan", "default"))
                .post(appUrl + "/subscriptions").then().statusCode(400).body("field", equalTo("product_url"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("product_url", "/products/weather-product/1.0.0", "plan", "default",
                        "title", "t".repeat(1024)))
                .post(appUrl + "/subscriptions").then().statusCode(400).body("field", equalTo("title"));
        // a product visible only to another organization
        String otherOrg = newOrg();
        String hidden = unique("hidden");
        ProductCatalogResourceTest.publishedProduct(hidden, "custom", otherOrg, false);
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("product_url", "/products/" + hidden + "/1.0.0", "plan", "basic"))
                .post(appUrl + "/subscriptions").then().statusCode(400).body("field", equalTo("product_url"));
        // nothing was written by the failures: the first real subscription succeeds
        subscribe(dev, appUrl, "/products/weather-product/1.0.0", "default", 201);
        // the authenticated product is open to any signed-in organization
        subscribe(dev, appUrl, "/products/stock-product/2.1.0", "default", 201);
    }

    @Test
    void deprecatedProductsTakeNoNewSubscriptions() {
        String org = newOrg();
        String dev = token(org, "developer");
        String appUrl = "/apps/" + org + "/" + createApp(dev, org, unique("app")).getString("id");
        String name = unique("old");
        ProductCatalogResourceTest.publishedProduct(name, "public", null, false);
        given().header("Authorization", ProductCatalogResourceTest.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("state", "deprecated"))
                .patch("/internal/catalog/products/" + name + "/1.0.0/state").then().statusCode(200);
        subscribe(dev, appUrl, "/products/" + name + "/1.0.0", "basic", 409);
    }

    @Test
    void anotherOrganizationGets404() {
        String org = newOrg();
        String dev = token(org, "developer");
        String appUrl = "/apps/" + org + "/" + createApp(dev, org, unique("app")).getString("id");
        String id = subscribe(dev, appUrl, "/products/weather-product/1.0.0", "default", 201);
        String stranger = outsider();
        given().header("Authorization", stranger).get(appUrl + "/subscriptions/" + id).then().statusCode(404);
        patchState(stranger, appUrl + "/subscriptions/" + id, "disabled", 404);
        given().header("Authorization", stranger).delete(appUrl + "/subscriptions/" + id).then().statusCode(404);
        subscribe(stranger, appUrl, "/products/weather-product/1.0.0", "gold", 404);
        given().header("Authorization", token(org, "reader")).delete(appUrl + "/subscriptions/" + id).then()
                .statusCode(403);
        given().header("Authorization", dev).get(appUrl + "/subscriptions/" + id).then().statusCode(200)
                .body("state", equalTo("enabled"));
    }
}
