package com.cumulus.identity.federation;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class UserRegistryApiTest {

    @Test
    void localRegistryJsonAndYamlSearchAndReadWithinTheCallersOrganizations() {
        Account a = Accounts.register("reg");
        Account b = Accounts.register("regother");
        String id = given().header("Authorization", a.bearer()).get("/user-registries/cumulus-local").then()
                .statusCode(200).body("type", equalTo("user_registry")).body("api_version", equalTo("2.0.0"))
                .body("name", equalTo("cumulus-local")).body("registry_type", equalTo("lur"))
                .body("state", equalTo("enabled")).extract().path("id");
        given().header("Authorization", a.bearer()).get("/user-registries/" + id).then().statusCode(200)
                .body("name", equalTo("cumulus-local"));
        given().header("Authorization", a.bearer()).accept("application/yaml").get("/user-registries/" + id).then()
                .statusCode(200).contentType(containsString("yaml"))
                .body(containsString("type: user_registry")).body(containsString("name: cumulus-local"));

        String local = a.email().substring(0, a.email().indexOf('@'));
        given().header("Authorization", a.bearer()).contentType(ContentType.JSON).body(Map.of("username", local))
                .post("/user-registries/cumulus-local/search").then().statusCode(200)
                .body("total_results", equalTo(1)).body("results[0].type", equalTo("user"))
                .body("results[0].id", equalTo(a.userId())).body("results[0].email", equalTo(a.email()))
                .body("results[0].api_version", equalTo("2.0.0"));
        // another organization's member finds nothing and cannot read the user
        given().header("Authorization", b.bearer()).contentType(ContentType.JSON).body(Map.of("email", a.email()))
                .post("/user-registries/cumulus-local/search").then().statusCode(200).body("total_results", equalTo(0));
        given().header("Authorization", b.bearer()).get("/user-registries/cumulus-local/users/" + a.userId()).then()
                .statusCode(404).body("status", equalTo(404));
        given().header("Authorization", a.bearer()).get("/user-registries/cumulus-local/users/" + a.userId()).then()
                .statusCode(200).body("username", equalTo(a.email())).body("identity_provider", equalTo("cumulus-local"));
        given().header("Authorization", a.bearer()).get("/user-registries/cumulus-local/users/" + a.email()).then()
                .statusCode(200).body("id", equalTo(a.userId()));
        // YAML request body
        given().header("Authorization", a.bearer()).contentType("application/yaml").accept("application/yaml")
                .body(("email: " + a.email() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/user-registries/cumulus-local/search").then().statusCode(200)
                .body(containsString("total_results: 1"));

        given().header("Authorization", a.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/user-registries/cumulus-local/search").then().statusCode(400)
                .body("status", equalTo(400)).body("field", equalTo("username"));
        given().header("Authorization", a.bearer()).contentType(ContentType.JSON).body(Map.of("username", 7))
                .post("/user-registries/cumulus-local/search").then().statusCode(400).body("field", equalTo("username"));
        given().header("Authorization", a.bearer()).get("/user-registries/no-such-registry").then().statusCode(404)
                .body("status", equalTo(404));
        given().get("/user-registries/cumulus-local").then().statusCode(401);
    }

    @Test
    void organizationProvidersAreRegistriesAndIdentityProvidersOnlyForTheirMembers() {
        Account a = Accounts.register("regidp");
        Account b = Accounts.register("regidpother");
        String name = "corp-" + UUID.randomUUID().toString().substring(0, 8);
        String providerId = given().header("Authorization", a.bearer()).contentType(ContentType.JSON)
                .body(ProviderApiTest.body(name, "https://login.corp.example", "cumulus", "s"))
                .post("/api/v1/organizations/" + a.organizationId() + "/oauth2providers").then().statusCode(201)
                .extract().path("metadata.id");
        given().header("Authorization", a.bearer()).get("/user-registries/" + name).then().statusCode(200)
                .body("id", equalTo(providerId)).body("registry_type", equalTo("oidc"))
                .body("configuration.issuer", equalTo("https://login.corp.example"))
                .body(not(containsString("\"s\"")));
        given().header("Authorization", b.bearer()).get("/user-registries/" + name).then().statusCode(404);
        given().header("Authorization", b.bearer()).get("/user-registries/" + providerId).then().statusCode(404);
        given().header("Authorization", b.bearer()).contentType(ContentType.JSON).body(Map.of("username", "a"))
                .post("/user-registries/" + providerId + "/search").then().statusCode(404);
        given().header("Authorization", a.bearer()).contentType(ContentType.JSON).body(Map.of("username", "a"))
                .post("/user-registries/" + providerId + "/search").then().statusCode(200)
                .body("total_results", equalTo(0));

        given().header("Authorization", a.bearer()).get("/consumer/identity-providers").then().statusCode(200)
                .body("results.name", hasItem("cumulus-local")).body("results.id", hasItem(providerId))
                .body("results[0].type", equalTo("identity_provider")).body("results[0].api_version", equalTo("2.0.0"));
        given().header("Authorization", b.bearer()).get("/consumer/identity-providers").then().statusCode(200)
                .body("results.id", not(hasItem(providerId)));
        given().get("/consumer/identity-providers").then().statusCode(200)
                .body("results.name", hasItem("cumulus-local")).body("results.id", not(hasItem(providerId)));
        given().accept("application/yaml").get("/consumer/identity-providers").then().statusCode(200)
                .body(containsString("name: cumulus-local"));
    }
}
