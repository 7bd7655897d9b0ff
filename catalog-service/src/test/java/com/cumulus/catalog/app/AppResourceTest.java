package com.cumulus.catalog.app;

import com.cumulus.catalog.EventProbe;
import com.cumulus.catalog.Fixtures;
import com.cumulus.catalog.web.Secrets;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AppResourceTest {

    @Test
    void createReadUpdateDeleteAnApp() {
        String org = newOrg();
        String dev = token(org, "developer");
        String name = unique("app");
        JsonPath created = createApp(dev, org, name);
        assertThat(created.getString("type")).isEqualTo("app");
        assertThat(created.getString("api_version")).isEqualTo("2.0.0");
        assertThat(created.getString("state")).isEqualTo("enabled");
        assertThat(created.getString("app_type")).isEqualTo("development");
        assertThat(created.getString("client_id")).isNotBlank();
        assertThat(created.getString("client_secret")).hasSize(64);
        String id = created.getString("id");

        given().header("Authorization", dev).get("/apps/" + org + "/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("$", not(hasKey("client_secret")));
        given().header("Authorization", dev).get("/apps/" + org + "/" + name + "?fields=id,state").then()
                .statusCode(200).body("id", equalTo(id)).body("$", not(hasKey("name")));
        given().header("Authorization", dev).accept("application/yaml").get("/apps/" + org + "/" + name).then()
                .statusCode(200).body(containsString("name: " + name));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("title", "Renamed", "app_type", "production", "state", "disabled"))
                .patch("/apps/" + org + "/" + id).then().statusCode(200)
                .body("title", equalTo("Renamed")).body("app_type", equalTo("production"))
                .body("state", equalTo("disabled"));
        given().header("Authorization", dev).contentType("application/yaml").body("summary: from yaml\n".getBytes())
                .patch("/apps/" + org + "/" + id).then().statusCode(200).body("summary", equalTo("from yaml"));
        given().header("Authorization", dev).delete("/apps/" + org + "/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().header("Authorization", dev).get("/apps/" + org + "/" + id).then().statusCode(404);
    }

    @Test
    void anotherOrganizationSeesNothingAndReadersCannotWrite() {
        String org = newOrg();
        String dev = token(org, "developer");
        String id = createApp(dev, org, unique("app")).getString("id");
        String stranger = outsider();
        given().header("Authorization", stranger).get("/apps/" + org + "/" + id).then().statusCode(404)
                .body("status", equalTo(404));
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/apps/" + org + "/" + id).then().statusCode(404);
        given().header("Authorization", stranger).delete("/apps/" + org + "/" + id).then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(Map.of("name", "mine"))
                .post("/apps/" + org).then().statusCode(404);
        given().header("Authorization", stranger).get("/apps/" + org + "/" + id + "/credentials").then().statusCode(404);

        String reader = token(org, "reader");
        given().header("Authorization", reader).get("/apps/" + org + "/" + id).then().statusCode(200);
        given().header("Authorization", reader).contentType(ContentType.JSON).body(Map.of("name", "r"))
                .post("/apps/" + org).then().statusCode(403);
        given().header("Authorization", reader).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/apps/" + org + "/" + id).then().statusCode(403);
        given().get("/apps/" + org + "/" + id).then().statusCode(401);
    }

    @Test
    void validationNamesTheFieldAndWritesNothing() {
        String org = newOrg();
        String dev = token(org, "developer");
        String name = unique("app");
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("name", name, "title", "t".repeat(1024)))
                .post("/apps/" + org).then().statusCode(400).body("field", equalTo("title"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("name", "n".repeat(256)))
                .post("/apps/" + org).then().statusCode(400).body("field", equalTo("name"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("name", name, "summary", "s".repeat(65536)))
                .post("/apps/" + org).then().statusCode(400).body("field", equalTo("summary"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("name", name, "app_type", "staging"))
                .post("/apps/" + org).then().statusCode(400).body("field", equalTo("app_type"));
        given().header("Authorization", dev).get("/apps/" + org + "/" + name).then().statusCode(404);
        createApp(dev, org, name);
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/apps/" + org).then().statusCode(409);
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("state", "paused"))
                .patch("/apps/" + org + "/" + name).then().statusCode(400).body("field", equalTo("state"));
    }

    @Test
    void applicationTypes() {
        String any = outsider();
        given().header("Authorization", any).get("/application-types/confidential").then().statusCode(200)
                .body("type", equalTo("application_type"))
                .body("oauth_types.client_type", equalTo("confidential"))
                .body("oauth_types.grant_types", hasItem("application"));
        given().header("Authorization", any).get("/application-types/public?fields=name").then().statusCode(200)
                .body("name", equalTo("public")).body("$", not(hasKey("oauth_types")));
        given().header("Authorization", any).accept("application/yaml").get("/application-types/public").then()
                .statusCode(200).body(containsString("client_type: public"));
        given().header("Authorization", any).get("/application-types/other").then().statusCode(404);
        given().get("/application-types/public").then().statusCode(401);
    }

    @Test
    void credentialsLifecyclePublishesHashesAndVerifiesInConstantTime() {
        String org = newOrg();
        String dev = token(org, "developer");
        JsonPath app = createApp(dev, org, unique("app"));
        String base = "/apps/" + org + "/" + app.getString("id") + "/credentials";
        try (EventProbe events = EventProbe.catalog()) {
            JsonPath created = given().header("Authorization", dev).contentType(ContentType.JSON)
                    .body(Map.of("name", "second", "title", "Second"))
                    .post(base).then().statusCode(201).body("type", equalTo("credential"))
                    .body("client_secret", notNullValue()).extract().jsonPath();
            String credentialId = created.getString("id");
            String secret = created.getString("client_secret");
            JsonNode issued = events.one("com.cumulus.catalog.credential.issued.v1", credentialId).get("data");
            assertThat(issued.get("clientSecretHash").asText()).isEqualTo(Secrets.sha256Hex(secret));
            assertThat(issued.get("clientId").asText()).isEqualTo(created.getString("client_id"));
            assertThat(issued.get("organizationId").asText()).isEqualTo(org);
            assertThat(issued.get("state").asText()).isEqualTo("enabled");

            given().header("Authorization", dev).get(base).then().statusCode(200)
                    .body("total_results", equalTo(2)).body("results", hasSize(2))
                    .body("results.client_secret", not(hasItem(notNullValue())));
            given().header("Authorization", dev).get(base + "/second").then().statusCode(200)
                    .body("id", equalTo(credentialId)).body("$", not(hasKey("client_secret")));
            given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("title", "Renamed"))
                    .patch(base + "/" + credentialId).then().statusCode(200).body("title", equalTo("Renamed"));
            given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("title", "x".repeat(1024)))
                    .patch(base + "/" + credentialId).then().statusCode(400).body("field", equalTo("title"));

            verify(dev, base + "/" + credentialId, secret, true);
            verify(dev, base + "/" + credentialId, secret + "x", false);
            given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of())
                    .post(base + "/" + credentialId + "/verify-client-secret").then().statusCode(400)
                    .body("field", equalTo("client_secret"));

            String newSecret = given().header("Authorization", dev)
                    .post(base + "/" + credentialId + "/reset-client-secret").then().statusCode(200)
                    .body("client_id", equalTo(created.getString("client_id")))
                    .extract().path("client_secret");
            verify(dev, base + "/" + credentialId, secret, false);
            verify(dev, base + "/" + credentialId, newSecret, true);
            JsonNode updated = events.await("com.cumulus.catalog.credential.updated.v1", credentialId, 2).get(1);
            assertThat(updated.get("data").get("clientSecretHash").asText()).isEqualTo(Secrets.sha256Hex(newSecret));

            JsonPath reset = given().header("Authorization", dev).post(base + "/" + credentialId + "/reset").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(reset.getString("client_id")).isNotEqualTo(created.getString("client_id"));
            verify(dev, base + "/" + credentialId, newSecret, false);
            verify(dev, base + "/" + credentialId, reset.getString("client_secret"), true);
            JsonNode afterReset = events.await("com.cumulus.catalog.credential.updated.v1", credentialId, 3).get(2);
            assertThat(afterReset.get("data").get("clientId").asText()).isEqualTo(reset.getString("client_id"));

            String stranger = outsider();
            given().header("Authorization", stranger).get(base + "/" + credentialId).then().statusCode(404);
            given().header("Authorization", stranger).post(base + "/" + credentialId + "/reset").then().statusCode(404);
            given().header("Authorization", stranger).contentType(ContentType.JSON)
                    .body(Map.of("client_secret", secret))
                    .post(base + "/" + credentialId + "/verify-client-secret").then().statusCode(404);
            given().header("Authorization", stranger).delete(base + "/" + credentialId).then().statusCode(404);
            given().header("Authorization", token(org, "reader")).post(base + "/" + credentialId + "/reset").then()
                    .statusCode(403);

            given().header("Authorization", dev).delete(base + "/" + credentialId).then().statusCode(200);
            given().header("Authorization", dev).get(base + "/" + credentialId).then().statusCode(404);
            JsonNode revoked = events.one("com.cumulus.catalog.credential.revoked.v1", credentialId).get("data");
            assertThat(revoked.get("state").asText()).isEqualTo("disabled");
        }
    }

    @Test
    void disablingOrDeletingAnAppStopsItsCredentials() {
        String org = newOrg();
        String dev = token(org, "admin");
        JsonPath app = createApp(dev, org, unique("app"));
        String appUrl = "/apps/" + org + "/" + app.getString("id");
        String credentialId = given().header("Authorization", dev).get(appUrl + "/credentials").then().statusCode(200)
                .extract().path("results[0].id");
        try (EventProbe events = EventProbe.catalog()) {
            given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("state", "disabled"))
                    .patch(appUrl).then().statusCode(200);
            JsonNode disabled = events.one("com.cumulus.catalog.credential.updated.v1", credentialId).get("data");
            assertThat(disabled.get("state").asText()).isEqualTo("disabled");
            given().header("Authorization", dev).delete(appUrl).then().statusCode(200);
            events.one("com.cumulus.catalog.credential.revoked.v1", credentialId);
        }
        given().header("Authorization", dev).get(appUrl + "/credentials/" + credentialId).then().statusCode(404);
    }

    private static void verify(String token, String credentialUrl, String secret, boolean expected) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("client_secret", secret))
                .post(credentialUrl + "/verify-client-secret").then().statusCode(200)
                .body("verified", equalTo(expected));
    }
}
