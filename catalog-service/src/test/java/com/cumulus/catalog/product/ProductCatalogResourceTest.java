package com.cumulus.catalog.product;

import com.cumulus.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
public class ProductCatalogResourceTest {

    public static final String ADMIN = TestTokens.newUser().platformAdmin().bearer();

    static String productBody(String name, String visibility, String orgId, boolean approval) {
        String orgs = orgId == null ? "" : ",\"org_ids\":[\"" + orgId + "\"]";
        return "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"title\":\"T " + name + "\",\"summary\":\"s\","
                + "\"visibility\":{\"type\":\"" + visibility + "\"" + orgs + "},"
                + "\"plans\":[{\"name\":\"basic\",\"rate_limit\":{\"requests\":50,\"period_seconds\":60},\"approval\":"
                + approval + "}],\"apis\":[{\"name\":\"weather\",\"version\":\"1.0.0\"}]}";
    }

    /** Creates a product through the platform-admin path and publishes it. */
    public static void publishedProduct(String name, String visibility, String orgId, boolean approval) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, visibility, orgId, approval))
                .post("/internal/catalog/products").then().statusCode(201).body("state", equalTo("pending"));
        for (String state : new String[]{"staged", "published"}) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("state", state))
                    .patch("/internal/catalog/products/" + name + "/1.0.0/state").then().statusCode(200)
                    .body("state", equalTo(state));
        }
    }

    @Test
    void publicProductsNeedNoTokenAndShowOnlyPublicOnes() {
        given().get("/public-products?limit=200").then().statusCode(200)
                .body("results.name", hasItem("weather-product"))
                .body("results.name", not(hasItem("stock-product")))
                .body("results[0].type", equalTo("product"))
                .body("results[0].api_version", equalTo("2.0.0"));
        given().get("/public-products/weather-product/1.0.0").then().statusCode(200)
                .body("title", equalTo("Weather"))
                .body("state", equalTo("published"))
                .body("plans.name", hasItem("gold"))
                .body("apis[0].url", equalTo("/public-apis/weather/1.0.0"));
        given().get("/public-products/stock-product/2.1.0").then().statusCode(404)
                .body("status", equalTo(404));
        given().get("/public-products/weather-product/9.9.9").then().statusCode(404);
    }

    @Test
    void publicListShowsANewlyPublishedProductAtOnce() {
        given().get("/public-products").then().statusCode(200);
        given().accept("application/yaml").get("/public-products").then().statusCode(200);
        String name = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        publishedProduct(name, "public", null, false);
        given().get("/public-products?limit=200").then().statusCode(200).body("results.name", hasItem(name));
        given().accept("application/yaml").get("/public-products?limit=200").then().statusCode(200)
                .contentType(containsString("application/yaml")).body(containsString("name: " + name));
    }

    @Test
    void answersYamlByAcceptAndSelectsFields() {
        given().accept("application/yaml").get("/public-products/weather-product/1.0.0").then().statusCode(200)
                .contentType(containsString("application/yaml"))
                .body(containsString("name: weather-product"))
                .body(containsString("api_version: 2.0.0"));
        given().get("/public-products/weather-product/1.0.0?fields=name,title").then().statusCode(200)
                .body("name", equalTo("weather-product"))
                .body("$", not(hasKey("plans")))
                .body("$", not(hasKey("state")));
        given().get("/public-products?fields=name").then().statusCode(200)
                .body("results[0]", not(hasKey("title")));
    }

    @Test
    void productAndApiDocumentsAndWsdl() {
        given().get("/public-products/weather-product/1.0.0/document").then().statusCode(200)
                .body("product", equalTo("1.0.0"))
                .body("info.name", equalTo("weather-product"))
                .body("plans.gold.approval", equalTo(true))
                .body("apis.weather.name", equalTo("weather:1.0.0"));
        given().get("/public-apis/weather/1.0.0").then().statusCode(200)
                .body("type", equalTo("api")).body("api_type", equalTo("rest"))
                .body("info.title", equalTo("Weather API"));
        given().get("/public-apis/weather/1.0.0/document").then().statusCode(200).body("swagger", equalTo("2.0"));
        given().accept("application/yaml").get("/public-apis/weather/1.0.0/document").then().statusCode(200)
                .body(containsString("swagger: \"2.0\""));
        given().get("/public-apis/weather/1.0.0/wsdl").then().statusCode(404);
        // the SOAP API is for signed-in consumers only
        given().get("/public-apis/stock-quote/2.1.0").then().statusCode(404);
        given().get("/public-apis/stock-quote/2.1.0/wsdl").then().statusCode(404);
        String member = TestTokens.newUser().member(UUID.randomUUID().toString(), "developer").bearer();
        given().header("Authorization", member).get("/apis/stock-quote/2.1.0/wsdl").then().statusCode(200)
                .contentType(containsString("application/wsdl+xml"))
                .body(containsString("StockQuoteService"));
        given().header("Authorization", member).get("/apis/stock-quote/2.1.0").then().statusCode(200)
                .body("wsdl.content_type", equalTo("application/wsdl+xml"))
                .body("api_type", equalTo("wsdl"));
        given().header("Authorization", member).get("/apis/stock-quote/2.1.0/document").then().statusCode(200)
                .body("info.title", equalTo("Stock Quote SOAP API"));
    }

    @Test
    void productsPathNeedsATokenAndShowsWhatTheOrganizationMaySee() {
        given().get("/products").then().statusCode(401);
        String orgA = UUID.randomUUID().toString();
        String name = "custom-" + orgA.substring(0, 8);
        publishedProduct(name, "custom", orgA, false);
        String memberA = TestTokens.newUser().member(orgA, "developer").bearer();
        String memberB = TestTokens.newUser().member(UUID.randomUUID().toString(), "admin").bearer();

        given().header("Authorization", memberA).get("/products?limit=200").then().statusCode(200)
                .body("results.name", hasItem(name))
                .body("results.name", hasItem("stock-product"))
                .body("results.name", hasItem("weather-product"));
        given().header("Authorization", memberA).get("/products/" + name + "/1.0.0").then().statusCode(200)
                .body("visibility.type", equalTo("custom"))
                .body("visibility.org_ids", hasItem(orgA));
        given().header("Authorization", memberA).get("/products/" + name + "/1.0.0/document").then().statusCode(200)
                .body("plans.basic.approval", equalTo(false));
        // another organization sees nothing of it
        given().header("Authorization", memberB).get("/products?limit=200").then().statusCode(200)
                .body("results.name", not(hasItem(name)));
        given().header("Authorization", memberB).get("/products/" + name + "/1.0.0").then().statusCode(404);
        given().header("Authorization", memberB).get("/products/" + name + "/1.0.0/document").then().statusCode(404);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(404);
    }

    @Test
    void lifecycleHidesUnpublishedProductsAndRejectsIllegalTransitions() {
        String name = "life-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false))
                .post("/internal/catalog/products").then().statusCode(201);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false))
                .post("/internal/catalog/products").then().statusCode(409);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(404);
        patchState(name, "published", 409);
        patchState(name, "staged", 200);
        patchState(name, "staged", 409);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(404);
        patchState(name, "published", 200);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(200);
        patchState(name, "deprecated", 200);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(200).body("state", equalTo("deprecated"));
        patchState(name, "archived", 409);
        patchState(name, "retired", 200);
        given().get("/public-products/" + name + "/1.0.0").then().statusCode(404);
        patchState(name, "archived", 200);
        patchState(name, "bogus", 400);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("state", "staged"))
                .patch("/internal/catalog/products/nope/1.0.0/state").then().statusCode(404);
    }

    private static void patchState(String name, String state, int status) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("state", state))
                .patch("/internal/catalog/products/" + name + "/1.0.0/state").then().statusCode(status);
    }

    @Test
    void managementPathIsForPlatformAdminsOnly() {
        String org = UUID.randomUUID().toString();
        String orgAdmin = TestTokens.newUser().member(org, "admin").bearer();
        given().header("Authorization", orgAdmin).contentType(ContentType.JSON)
                .body(productBody("not-allowed", "public", null, false))
                .post("/internal/catalog/products").then().statusCode(403);
        given().contentType(ContentType.JSON).body(productBody("not-allowed", "public", null, false))
                .post("/internal/catalog/products").then().statusCode(401);
        given().header("Authorization", orgAdmin).contentType(ContentType.JSON).body(Map.of("state", "staged"))
                .patch("/internal/catalog/products/weather-product/1.0.0/state").then().statusCode(403);
    }

    @Test
    void fieldLimitsAnswer400NamingTheFieldAndWriteNothing() {
        String name = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        String longTitle = "t".repeat(1024);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false).replace("\"T " + name + "\"", "\"" + longTitle + "\""))
                .post("/internal/catalog/products").then().statusCode(400).body("field", equalTo("title"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false).replace("\"name\":\"" + name + "\"",
                        "\"name\":\"" + "n".repeat(256) + "\""))
                .post("/internal/catalog/products").then().statusCode(400).body("field", equalTo("name"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false).replace("\"summary\":\"s\"",
                        "\"summary\":\"" + "s".repeat(65536) + "\""))
                .post("/internal/catalog/products").then().statusCode(400).body("field", equalTo("summary"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "custom", null, false))
                .post("/internal/catalog/products").then().statusCode(400).body("field", equalTo("visibility.org_ids"));
        // nothing was written: the name is still free
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(productBody(name, "public", null, false))
                .post("/internal/catalog/products").then().statusCode(201);
    }

    @Test
    void readsYamlBodies() {
        String name = "yaml-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = "name: " + name + "\nversion: 1.0.0\ntitle: From YAML\nvisibility:\n  type: public\n"
                + "plans:\n- name: basic\n  rate_limit:\n    requests: 5\n    period_seconds: 1\n  approval: false\n";
        given().header("Authorization", ADMIN).contentType("application/yaml").accept("application/yaml").body(yaml.getBytes())
                .post("/internal/catalog/products").then().statusCode(201)
                .contentType(containsString("application/yaml"))
                .body(containsString("title: From YAML"));
    }

    @Test
    void apiManagementAndStates() {
        String name = "api-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"title\":\"An API\",\"api_type\":\"wsdl\","
                + "\"visibility\":{\"type\":\"public\"},\"document\":{\"swagger\":\"2.0\",\"info\":{\"title\":\"x\"}},"
                + "\"wsdl\":\"<definitions/>\",\"wsdl_content_type\":\"text/xml\"}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body.replace(",\"wsdl\":\"<definitions/>\"", ""))
                .post("/internal/catalog/apis").then().statusCode(400).body("field", equalTo("wsdl"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/internal/catalog/apis").then().statusCode(201).body("state", equalTo("staged"));
        given().get("/public-apis/" + name + "/1.0.0").then().statusCode(404);
        apiState(name, "online", 200);
        given().get("/public-apis/" + name + "/1.0.0/wsdl").then().statusCode(200).contentType(containsString("text/xml"));
        apiState(name, "offline", 200);
        apiState(name, "staged", 409);
        apiState(name, "retired", 200);
        apiState(name, "online", 409);
        given().get("/public-apis/" + name + "/1.0.0").then().statusCode(404).body("request_id", not(nullValue()));
    }

    @Test
    void listsArePagedWithLimitAndOffset() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            publishedProduct(prefix + "-" + i, "public", null, false);
        }
        List<String> all = given().get("/public-products?limit=200&fields=name").then().statusCode(200)
                .extract().jsonPath().getList("results.name", String.class);
        int total = given().get("/public-products?limit=1").then().statusCode(200)
                .body("results", hasSize(1)).extract().jsonPath().getInt("total_results");
        assertThat(total).isEqualTo(all.size()).isGreaterThanOrEqualTo(4);
        int first = all.indexOf(prefix + "-1");
        // a page starts at offset, in name order, and total_results counts the whole list
        given().get("/public-products?limit=2&offset=" + (first + 1)).then().statusCode(200)
                .body("total_results", equalTo(total))
                .body("results.name", contains(prefix + "-2", prefix + "-3"));
        given().accept("application/yaml").get("/public-products?limit=1&offset=" + first).then().statusCode(200)
                .body(containsString("name: " + prefix + "-1")).body(not(containsString(prefix + "-2")));
        given().get("/public-products?offset=" + total).then().statusCode(200)
                .body("total_results", equalTo(total)).body("results", hasSize(0));
        // default limit 50, maximum 200 (larger limits are clamped)
        given().get("/public-products").then().statusCode(200).body("results", hasSize(Math.min(total, 50)));
        given().get("/public-products?limit=100000").then().statusCode(200).body("results", hasSize(Math.min(total, 200)));
        // invalid paging parameters name the parameter
        given().get("/public-products?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/public-products?limit=ten").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/public-products?offset=-1").then().statusCode(400).body("field", equalTo("offset"));

        String member = TestTokens.newUser().member(UUID.randomUUID().toString(), "reader").bearer();
        List<String> visible = given().header("Authorization", member).get("/products?limit=200&fields=name").then()
                .statusCode(200).extract().jsonPath().getList("results.name", String.class);
        int index = visible.indexOf(prefix + "-2");
        given().header("Authorization", member).get("/products?limit=1&offset=" + index).then().statusCode(200)
                .body("total_results", equalTo(visible.size()))
                .body("results.name", contains(prefix + "-2"))
                .body("results[0].url", equalTo("/products/" + prefix + "-2/1.0.0"));
        given().header("Authorization", member).get("/products?limit=-5").then().statusCode(400)
                .body("field", equalTo("limit"));
        given().header("Authorization", member).get("/products?offset=x").then().statusCode(400)
                .body("field", equalTo("offset"));
    }

    @Test
    void listReflectsStateChangesAtOnce() {
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        publishedProduct(name, "public", null, false);
        given().get("/public-products?limit=200").then().statusCode(200).body("results.name", hasItem(name));
        String member = TestTokens.newUser().member(UUID.randomUUID().toString(), "reader").bearer();
        given().header("Authorization", member).get("/products?limit=200").then().statusCode(200)
                .body("results.name", hasItem(name));
        patchState(name, "retired", 200);
        given().get("/public-products?limit=200").then().statusCode(200).body("results.name", not(hasItem(name)));
        given().header("Authorization", member).get("/products?limit=200").then().statusCode(200)
                .body("results.name", not(hasItem(name)));
    }

    private static void apiState(String name, String state, int status) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("state", state))
                .patch("/internal/catalog/apis/" + name + "/1.0.0/state").then().statusCode(status);
    }
}
