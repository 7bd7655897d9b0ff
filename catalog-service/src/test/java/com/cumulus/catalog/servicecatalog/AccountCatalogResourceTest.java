package com.cumulus.catalog.servicecatalog;

import com.cumulus.catalog.web.Secrets;
import com.cumulus.common.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.cumulus.catalog.Fixtures.newOrg;
import static com.cumulus.catalog.Fixtures.outsider;
import static com.cumulus.catalog.Fixtures.project;
import static com.cumulus.catalog.Fixtures.token;
import static com.cumulus.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountCatalogResourceTest {
    static final String ROOT = TestTokens.newUser().platformAdmin().bearer();

    @Test
    void serviceCatalogListIsForEveryoneAndOnlyPlatformAdminsCreate() {
        String code = unique("svc");
        given().header("Authorization", outsider()).get("/api/v1/services").then().statusCode(200)
                .body("meta.params.indent", equalTo(0))
                .body("content.codeName", hasItem("roc"));
        given().header("Authorization", outsider()).contentType(ContentType.JSON)
                .body(Map.of("codeName", code, "name", "X")).post("/api/v1/services").then().statusCode(403)
                .body("error.type", equalTo("Forbidden"));
        given().header("Authorization", ROOT).contentType(ContentType.JSON)
                .body(Map.of("codeName", code, "name", "n".repeat(71))).post("/api/v1/services").then()
                .statusCode(400).body("error.field", equalTo("name"));
        given().header("Authorization", ROOT).contentType(ContentType.JSON)
                .body(Map.of("codeName", code, "name", "Chat", "description", "A chat"))
                .post("/api/v1/services?indent=2").then().statusCode(201)
                .body("content.codeName", equalTo(code))
                .body(containsString("\n  \"meta\""));
        given().header("Authorization", ROOT).contentType(ContentType.JSON)
                .body(Map.of("codeName", code, "name", "Chat")).post("/api/v1/services").then().statusCode(409);
        given().header("Authorization", outsider()).get("/api/v1/services?indent=x").then().statusCode(400)
                .body("error.field", equalTo("indent"));
        given().get("/api/v1/services").then().statusCode(401);
        given().options("/api/v1/services").then().statusCode(200).header("Allow", containsString("POST"));
    }

    @Test
    void projectServicesConsumersAndTokens() {
        String org = newOrg();
        String dev = token(org, "developer");
        String projectId = project(org);
        String base = "/api/v1/projects/" + projectId;

        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", "nope", "name", "message"))
                .post(base + "/services").then().statusCode(400).body("error.field", equalTo("serviceCatalogCode"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", "roc", "name", "m".repeat(71)))
                .post(base + "/services").then().statusCode(400).body("error.field", equalTo("name"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", "roc", "name", "message", "description", "fff"))
                .post(base + "/services").then().statusCode(201)
                .body("content.serviceCatalogCode", equalTo("roc"))
                .body("content.itemLimit", equalTo(100))
                .body("content.itemUsed", equalTo(0));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("codeName", "roc", "name", "again"))
                .post(base + "/services").then().statusCode(409);

        String consumerId = given().header("Authorization", dev).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(201).extract().path("content.id");
        given().header("Authorization", dev).get("/api/v1/consumers").then().statusCode(200)
                .body("content.id", hasItem(consumerId));
        given().header("Authorization", outsider()).get("/api/v1/consumers").then().statusCode(200)
                .body("content.id", not(hasItem(consumerId)));

        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId, "serviceCatalogCode", "roc"))
                .post("/api/v1/consumer-tokens").then().statusCode(400).body("error.field", equalTo("consumerId"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId))
                .post("/api/v1/consumer-tokens").then().statusCode(400)
                .body("error.field", equalTo("serviceCatalogCode"));
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .post("/api/v1/consumer-tokens").then().statusCode(400);
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("consumerId", consumerId))
                .post(base + "/consumers").then().statusCode(201).body("content.consumerId", equalTo(consumerId));
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("consumerId", consumerId))
                .post(base + "/consumers").then().statusCode(409);

        String token = given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId, "serviceCatalogCode", "roc"))
                .post("/api/v1/consumer-tokens").then().statusCode(201)
                .body("content.consumerId", equalTo(consumerId))
                .extract().path("content.token");
        assertThat(token).hasSize(64);
        String storedHash = hashOf(token);
        assertThat(storedHash).isEqualTo(Secrets.sha256Hex(token));
        String tokenId = given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId, "serviceCatalogCode", "roc"))
                .post("/api/v1/consumer-tokens").then().statusCode(201).extract().path("content.id");
        given().header("Authorization", dev).get(base + "/services/roc?indent=4").then().statusCode(200)
                .body("content.itemUsed", equalTo(2))
                .body("meta.params.indent", equalTo(4));

        // revoke by token id and by the token itself (seed 003 documents 201)
        given().header("Authorization", dev).delete("/api/v1/consumer-tokens/" + tokenId + "/projects/" + projectId
                + "/services/roc").then().statusCode(201).body("content", nullValue());
        given().header("Authorization", dev).delete("/api/v1/consumer-tokens/" + token + "/projects/" + projectId
                + "/services/roc").then().statusCode(201);
        given().header("Authorization", dev).delete("/api/v1/consumer-tokens/" + tokenId + "/projects/" + projectId
                + "/services/roc").then().statusCode(404);
        given().header("Authorization", dev).get(base + "/services/roc").then().statusCode(200)
                .body("content.itemUsed", equalTo(0));

        given().header("Authorization", dev).delete(base + "/consumers/" + consumerId).then().statusCode(202)
                .body("content", nullValue());
        given().header("Authorization", dev).delete(base + "/consumers/" + consumerId).then().statusCode(404);
        given().header("Authorization", dev).delete(base + "/services/roc").then().statusCode(202);
        given().header("Authorization", dev).get(base + "/services/roc").then().statusCode(404)
                .body("error.type", equalTo("Not Found"));
    }

    @Test
    void anotherOrganizationGets404AndReadersCannotWrite() {
        String org = newOrg();
        String dev = token(org, "admin");
        String projectId = project(org);
        String base = "/api/v1/projects/" + projectId;
        given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", "push", "name", "push"))
                .post(base + "/services").then().statusCode(201);
        String consumerId = given().header("Authorization", dev).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(201).extract().path("content.id");
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("consumerId", consumerId))
                .post(base + "/consumers").then().statusCode(201);
        String tokenId = given().header("Authorization", dev).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId, "serviceCatalogCode", "push"))
                .post("/api/v1/consumer-tokens").then().statusCode(201).extract().path("content.id");

        String stranger = outsider();
        given().header("Authorization", stranger).get(base + "/services/push").then().statusCode(404);
        given().header("Authorization", stranger).delete(base + "/services/push").then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON)
                .body(Map.of("serviceCatalogCode", "roc", "name", "x")).post(base + "/services").then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON).body(Map.of("consumerId", consumerId))
                .post(base + "/consumers").then().statusCode(404);
        given().header("Authorization", stranger).delete(base + "/consumers/" + consumerId).then().statusCode(404);
        given().header("Authorization", stranger).contentType(ContentType.JSON)
                .body(Map.of("consumerId", consumerId, "projectId", projectId, "serviceCatalogCode", "push"))
                .post("/api/v1/consumer-tokens").then().statusCode(404);
        given().header("Authorization", stranger).delete("/api/v1/consumer-tokens/" + tokenId + "/projects/"
                + projectId + "/services/push").then().statusCode(404);
        // a consumer of another organization cannot be attached
        String strangerOrg = newOrg();
        String strangerAdmin = token(strangerOrg, "admin");
        String foreignConsumer = given().header("Authorization", strangerAdmin).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(201).extract().path("content.id");
        given().header("Authorization", dev).contentType(ContentType.JSON).body(Map.of("consumerId", foreignConsumer))
                .post(base + "/consumers").then().statusCode(400).body("error.field", equalTo("consumerId"));

        String reader = token(org, "reader");
        given().header("Authorization", reader).get(base + "/services/push").then().statusCode(200);
        given().header("Authorization", reader).delete(base + "/services/push").then().statusCode(403);
        given().header("Authorization", reader).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(403);
        given().header("Authorization", dev).get(base + "/services/push").then().statusCode(200)
                .body("content.itemUsed", equalTo(1));
        given().header("Authorization", dev).get("/api/v1/projects/unknown/services/push").then().statusCode(404);
    }

    @Test
    void consumerCreationNeedsAnOrganizationChoiceWhenTheCallerHasSeveral() {
        String orgA = newOrg();
        String orgB = newOrg();
        String both = TestTokens.newUser().member(orgA, "admin").member(orgB, "developer").bearer();
        given().header("Authorization", both).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/consumers").then().statusCode(400).body("error.field", equalTo("organizationId"));
        given().header("Authorization", both).contentType(ContentType.JSON).body(Map.of("organizationId", orgB))
                .post("/api/v1/consumers").then().statusCode(201);
        given().header("Authorization", both).contentType(ContentType.JSON).body(Map.of("organizationId", newOrg()))
                .post("/api/v1/consumers").then().statusCode(404);
        given().header("Authorization", both).get("/api/v1/consumers").then().statusCode(200)
                .body("content", hasSize(1));
    }

    @Test
    void optionsOnEveryPath() {
        for (String path : new String[]{"/api/v1/services", "/api/v1/projects/p/services",
                "/api/v1/projects/p/services/roc", "/api/v1/consumers", "/api/v1/projects/p/consumers",
                "/api/v1/projects/p/consumers/c", "/api/v1/consumer-tokens",
                "/api/v1/consumer-tokens/t/projects/p/services/roc"}) {
            given().options(path).then().statusCode(200).header("Allow", containsString("OPTIONS"));
        }
    }

    private static String hashOf(String token) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    com.cumulus.catalog.servicecatalog.domain.ConsumerToken
                            .find("tokenHash", Secrets.sha256Hex(token))
                            .<com.cumulus.catalog.servicecatalog.domain.ConsumerToken>firstResult()
                            .map(t -> t == null ? null : t.tokenHash)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
