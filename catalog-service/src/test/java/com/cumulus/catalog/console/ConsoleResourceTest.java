package com.cumulus.catalog.console;

import com.cumulus.catalog.EventProbe;
import com.cumulus.common.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.cumulus.catalog.Fixtures.createApp;
import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.outsider;
import static com.cumulus.catalog.Fixtures.project;
import static com.cumulus.catalog.Fixtures.token;
import static com.cumulus.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ConsoleResourceTest {
    static final String ROOT = TestTokens.newUser().platformAdmin().bearer();

    @Test
    void templatesWithRequiredParametersAndServices() {
        String any = outsider();
        given().header("Authorization", any).get("/console/projects/templates").then().statusCode(200)
                .body("id", hasItems("web-app", "analytics"));
        given().header("Authorization", any).get("/console/projects/templates/web-app").then().statusCode(200)
                .body("name", equalTo("Web application"))
                .body("parameters.name", hasItems("region", "tier"))
                .body("parameters[0].required", equalTo(true))
                .body("services", hasSize(2))
                .body("services[0].memory_gb", equalTo(24));
        given().header("Authorization", any).get("/console/projects/templates/none").then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().get("/console/projects/templates").then().statusCode(401);
    }

    @Test
    void seededTemplatesArePublishedAtStartupAndNewOnesOnCreation() {
        try (EventProbe events = EventProbe.catalog()) {
            JsonNode web = events.one("com.cumulus.catalog.template.published.v1", "web-app").get("data");
            assertThat(web.get("templateId").asText()).isEqualTo("web-app");
            assertThat(web.get("services").get(0).get("memoryGb").asInt()).isEqualTo(24);
            assertThat(web.get("services").get(0).get("provider").asText()).isEqualTo("aws");

            String id = unique("tpl");
            String body = "{\"id\":\"" + id + "\",\"name\":\"Cache\",\"parameters\":[{\"name\":\"region\","
                    + "\"required\":true}],\"services\":[{\"name\":\"cache\",\"provider\":\"aws\","
                    + "\"region\":\"eu-west-1\",\"tier\":\"development\",\"memory_gb\":12}]}";
            given().header("Authorization", outsider()).contentType(ContentType.JSON).body(body)
                    .post("/internal/catalog/templates").then().statusCode(403);
            given().header("Authorization", ROOT).contentType(ContentType.JSON)
                    .body(body.replace("\"memory_gb\":12", "\"memory_gb\":1"))
                    .post("/internal/catalog/templates").then().statusCode(400)
                    .body("field", equalTo("services[0].memory_gb"));
            given().header("Authorization", ROOT).contentType(ContentType.JSON).body(body)
                    .post("/internal/catalog/templates").then().statusCode(201);
            given().header("Authorization", ROOT).contentType(ContentType.JSON).body(body)
                    .post("/internal/catalog/templates").then().statusCode(409);
            JsonNode created = events.one("com.cumulus.catalog.template.published.v1", id).get("data");
            assertThat(created.get("services").get(0).get("memoryGb").asInt()).isEqualTo(12);
            given().header("Authorization", outsider()).get("/console/projects/templates/" + id).then()
                    .statusCode(200).body("parameters[0].name", equalTo("region"));
        }
    }

    @Test
    void projectAppDetails() {
        String org = newOrg();
        String dev = token(org, "developer");
        String projectId = project(org);
        JsonPath app = createApp(dev, org, unique("app"));
        given().header("Authorization", dev).get("/console/projects/" + projectId + "/apps/" + app.getString("id"))
                .then().statusCode(200)
                .body("org_id", equalTo(org))
                .body("project_id", equalTo(projectId))
                .body("client_ids", hasItem(app.getString("client_id")))
                .body("app_type", equalTo("development"));
        given().header("Authorization", outsider())
                .get("/console/projects/" + projectId + "/apps/" + app.getString("id")).then().statusCode(404);
        // an app of another organization is not found through this project
        String otherOrg = newOrg();
        JsonPath foreign = createApp(token(otherOrg, "admin"), otherOrg, unique("app"));
        given().header("Authorization", dev).get("/console/projects/" + projectId + "/apps/" + foreign.getString("id"))
                .then().statusCode(404);
    }

    @Test
    void perProjectApiEnablement() {
        String org = newOrg();
        String dev = token(org, "developer");
        String projectId = project(org);
        String base = "/console/projects/" + projectId + "/gateway";
        given().header("Authorization", dev).get(base).then().statusCode(200).body("$", hasSize(0));
        given().header("Authorization", dev).post(base + "/weather").then().statusCode(200).body(equalTo("true"));
        given().header("Authorization", dev).post(base + "/weather").then().statusCode(200);
        given().header("Authorization", dev).post(base + "/roc").then().statusCode(200);
        given().header("Authorization", dev).post(base + "/unknown-api").then().statusCode(404);
        given().header("Authorization", dev).get(base).then().statusCode(200)
                .body("service_id", hasItems("weather", "roc")).body("$", hasSize(2));
        given().header("Authorization", dev).get(base + "/weather").then().statusCode(200)
                .body("service_id", equalTo("weather")).body("enabled", equalTo(true))
                .body("project_id", equalTo(projectId));

        String stranger = outsider();
        given().header("Authorization", stranger).get(base).then().statusCode(404);
        given().header("Authorization", stranger).get(base + "/weather").then().statusCode(404);
        given().header("Authorization", stranger).post(base + "/weather").then().statusCode(404);
        given().header("Authorization", stranger).delete(base + "/weather").then().statusCode(404);
        given().header("Authorization", token(org, "reader")).delete(base + "/weather").then().statusCode(403);

        given().header("Authorization", dev).delete(base + "/weather").then().statusCode(200);
        given().header("Authorization", dev).get(base + "/weather").then().statusCode(404);
        given().header("Authorization", dev).delete(base + "/weather").then().statusCode(404);
        given().header("Authorization", dev).get(base).then().statusCode(200)
                .body("service_id", not(hasItem("weather")));
    }
}
