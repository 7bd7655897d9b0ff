package com.cumulus.identity.federation;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProviderApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Pool pool;

    static Map<String, Object> body(String name, String issuer, String clientId, String secret) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("type", "oidc");
        spec.put("issuer", issuer);
        spec.put("clientID", clientId);
        if (secret != null) {
            spec.put("clientSecret", secret);
        }
        return Map.of("metadata", Map.of("name", name, "description", "corporate sign-in"), "spec", spec);
    }

    byte[] storedSecret(String providerId) {
        var row = pool.preparedQuery("select client_secret from oauth2_provider where id = $1")
                .execute(Tuple.of(UUID.fromString(providerId))).await().atMost(Duration.ofSeconds(10)).iterator().next();
        return row.getBuffer("client_secret").getBytes();
    }

    @Test
    void organizationProvidersCrudWithAWriteOnlySecret() {
        Account admin = Accounts.register("idp");
        String base = "/api/v1/organizations/" + admin.organizationId() + "/oauth2providers";
        String secret = "upstream-secret-" + UUID.randomUUID();
        var created = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("corp-sso", "https://login.example.test/tenant/", "cumulus-app", secret))
                .post(base).then().statusCode(201)
                .body("metadata.name", equalTo("corp-sso"))
                .body("metadata.organizationId", equalTo(admin.organizationId()))
                .body("spec.issuer", equalTo("https://login.example.test/tenant"))
                .body("spec.clientID", equalTo("cumulus-app"))
                .body("spec.clientSecret", nullValue())
                .extract();
        assertThat(created.asString()).doesNotContain(secret);
        String id = created.path("metadata.id");
        // encrypted at rest: neither the secret nor its bytes appear in the stored column
        String stored = HexFormat.of().formatHex(storedSecret(id));
        assertThat(stored).doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));

        given().header("Authorization", admin.bearer()).get(base).then().statusCode(200)
                .body("", hasSize(1)).body("[0].metadata.id", equalTo(id)).body("[0].spec.clientSecret", nullValue());
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("corp-sso", "https://login.example.test/other", "cumulus-app-2", null))
                .put(base + "/" + id).then().statusCode(200)
                .body("spec.issuer", equalTo("https://login.example.test/other"))
                .body("spec.clientID", equalTo("cumulus-app-2"));
        // an update without clientSecret keeps the stored one
        assertThat(HexFormat.of().formatHex(storedSecret(id))).isEqualTo(stored);
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("corp-sso", "https://login.example.test/t", "c", null)).post(base).then().statusCode(409);

        String createdEvent = Events.awaitEvent(bootstrap, "com.cumulus.identity.provider.created.v1", id);
        assertThat(createdEvent).contains("\"organizationId\":\"" + admin.organizationId() + "\"").doesNotContain(secret);
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.provider.updated.v1", id)).contains("cumulus-app-2");

        given().header("Authorization", admin.bearer()).delete(base + "/" + id).then().statusCode(200);
        given().header("Authorization", admin.bearer()).delete(base + "/" + id).then().statusCode(404);
        given().header("Authorization", admin.bearer()).get(base).then().statusCode(200).body("", hasSize(0));
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.provider.deleted.v1", id)).doesNotContain(secret);
    }

    @Test
    void anotherOrganizationsMemberGets404AndValidationNamesTheField() {
        Account admin = Accounts.register("idpval");
        Account other = Accounts.register("idpother");
        String base = "/api/v1/organizations/" + admin.organizationId() + "/oauth2providers";
        String id = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("corp", "https://idp.example.test", "c", "s")).post(base).then().statusCode(201)
                .extract().path("metadata.id");

        given().header("Authorization", other.bearer()).get(base).then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON)
                .body(body("x", "https://idp.example.test", "c", "s")).post(base).then().statusCode(404);
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON)
                .body(body("corp", "https://idp.example.test", "c", "s")).put(base + "/" + id).then().statusCode(404);
        given().header("Authorization", other.bearer()).delete(base + "/" + id).then().statusCode(404);
        // the provider is not reachable through the other organization's path either
        given().header("Authorization", other.bearer())
                .delete("/api/v1/organizations/" + other.organizationId() + "/oauth2providers/" + id)
                .then().statusCode(404);
        given().get(base).then().statusCode(401);

        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("Bad Name", "https://idp.example.test", "c", "s")).post(base).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("metadata.name"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(body("plain", "http://idp.example.test", "c", "s")).post(base).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("spec.issuer"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "noclient"), "spec", Map.of("issuer", "https://idp.example.test")))
                .post(base).then().statusCode(400).body("field", equalTo("spec.clientID"));
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "badtype"), "spec",
                        Map.of("issuer", "https://idp.example.test", "clientID", "c", "type", "saml")))
                .post(base).then().statusCode(400).body("field", equalTo("spec.type"));
    }

    @Test
    void systemProvidersAreListedForEveryoneAndManagedByPlatformAdminsOnly() {
        Account user = Accounts.register("sysidp");
        String root = "Bearer " + Accounts.rootToken();
        String name = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(body(name, "https://accounts.example.test", "c", "s")).post("/api/v1/oauth2providers")
                .then().statusCode(403).body("error", equalTo("access_denied"));
        String id = given().header("Authorization", root).contentType(ContentType.JSON)
                .body(body(name, "https://accounts.example.test", "cumulus", "top-secret"))
                .post("/api/v1/oauth2providers").then().statusCode(201)
                .body("metadata.organizationId", nullValue()).body("spec.clientSecret", nullValue())
                .extract().path("metadata.id");
        given().header("Authorization", user.bearer()).get("/api/v1/oauth2providers").then().statusCode(200)
                .body("metadata.id", hasItem(id)).body("spec.clientSecret", not(hasItem("top-secret")));
        given().get("/api/v1/oauth2providers").then().statusCode(401);
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(body(name, "https://accounts.example.test", "c", null)).put("/api/v1/oauth2providers/" + id)
                .then().statusCode(403);
        given().header("Authorization", user.bearer()).delete("/api/v1/oauth2providers/" + id).then().statusCode(403);
        given().header("Authorization", root).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", name), "spec", Map.of("clientID", "c")))
                .put("/api/v1/oauth2providers/" + id).then().statusCode(400).body("field", equalTo("spec.issuer"));
        // an organization provider id is not a system provider
        given().header("Authorization", root).delete("/api/v1/oauth2providers/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", root).delete("/api/v1/oauth2providers/" + id).then().statusCode(200);
        given().header("Authorization", user.bearer()).get("/api/v1/oauth2providers").then().statusCode(200)
                .body("metadata.id", not(hasItem(id)));
    }
}
