package com.cumulus.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 6: deleting the account (seed 003 {@code DELETE /api/v1/account}) removes the organization's data in every
 * service (tenancy, identity, catalog, provisioning follow organization.deleted): reads in each dialect answer 404 or
 * nothing, and its API keys, application credentials and sessions are refused.
 */
@ExtendWith(SuiteExtension.class)
class AccountDeletionStoryIT {

    @Test
    void deletingTheAccountRemovesEverythingOfTheOrganization() throws Exception {
        Suite suite = SuiteExtension.suite();
        Stories.Account admin = Stories.register("leaving", "Leaving Org");
        String org = admin.organizationId();
        String token = Stories.loginWithRole(admin.email(), admin.password(), org, "admin");
        String auth = Stories.bearer(token);

        // some of everything: a project (tenancy), an app with a credential (catalog), an API key (identity) and a
        // running service (provisioning)
        Response project = given().header("AUTHORIZATION", token).contentType(ContentType.JSON)
                .body(Map.of("name", "doomed", "description", "goes with the account")).post("/api/v1/projects");
        assertThat(project.statusCode()).as(project.asString()).isEqualTo(201);
        String projectId = project.path("content.id");

        Response app = given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("name", "doomed-app", "application_type", "confidential")).post("/apps/" + org);
        assertThat(app.statusCode()).as(app.asString()).isEqualTo(201);
        String appId = app.path("id");
        String clientId = app.path("client_id");
        String clientSecret = app.path("client_secret");
        Stories.eventuallyStatus(() -> DeveloperConsumptionStoryIT.tokenRequest(clientId, clientSecret), 200);

        Response key = given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("name", "doomed-key", "roles", List.of("admin"))).post("/v1/organizations/" + org + "/keys");
        assertThat(key.statusCode()).as(key.asString()).isEqualTo(200);
        String keyId = key.path("result.keyId");
        String keySecret = key.path("result.keySecret");
        String basic = Stories.basic(keyId, keySecret);
        Stories.eventuallyStatus(() -> given().header("Authorization", basic).get("/v1/organizations/" + org), 200);

        try (EventTap tap = new EventTap(suite.kafkaBootstrap, "provisioning.events", "catalog.events",
                "identity.events", "tenancy.events")) {
            Response service = given().header("Authorization", basic).contentType(ContentType.JSON)
                    .body(Map.of("name", "doomed db", "provider", "gcp", "region", "europe-west4", "tier", "production",
                            "minTotalMemoryGb", 24, "maxTotalMemoryGb", 24, "numReplicas", 3))
                    .post("/v1/organizations/" + org + "/services");
            assertThat(service.statusCode()).as(service.asString()).isEqualTo(200);
            String serviceId = service.path("result.service.id");
            tap.await("running", e -> ApiKeyServiceStoryIT.STATE_CHANGED.equals(e.path("type").asText())
                    && serviceId.equals(e.path("data").path("serviceId").asText())
                    && "running".equals(e.path("data").path("state").asText()));

            // delete the account
            Response deleted = given().header("AUTHORIZATION", token).delete("/api/v1/account");
            assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(202);
            tap.await("organization.deleted", EventTap.type("com.cumulus.tenancy.organization.deleted.v1",
                    "organizationId", org));

            // provisioning stops and terminates the organization's service
            tap.await("service deleted", EventTap.type("com.cumulus.provisioning.service.deleted.v1", "serviceId", serviceId));
            // catalog revokes the app's credential
            tap.await("credential revoked", EventTap.type("com.cumulus.catalog.credential.revoked.v1", "clientId", clientId));

            // refused: the application credential and the API key at the token endpoint, the old session at identity
            Response credentialRefused = Stories.eventuallyStatus(
                    () -> DeveloperConsumptionStoryIT.tokenRequest(clientId, clientSecret), 401);
            assertThat(credentialRefused.<String>path("error")).isEqualTo("invalid_client");
            Response keyRefused = Stories.eventuallyStatus(
                    () -> DeveloperConsumptionStoryIT.tokenRequest(keyId, keySecret), 401);
            assertThat(keyRefused.<String>path("error")).isEqualTo("invalid_client");
            Stories.eventuallyStatus(() -> given().header("AUTHORIZATION", token).get("/api/v1/me"), 401);
            // at the gateway: identity announced the key's deletion (apikey.deleted) and the sessions' revocation
            // (session.revoked), so the key and the owner's old token are refused at the edge, on every service's path
            for (String path : List.of("/v1/organizations/" + org, "/v1/organizations/" + org + "/services/" + serviceId,
                    "/v1/organizations/" + org + "/keys", "/apps/" + org + "/" + appId)) {
                Stories.eventuallyStatus(() -> given().header("Authorization", basic).get(path), 401);
            }
            Stories.eventuallyStatus(() -> given().header("AUTHORIZATION", token).get("/api/v1/account"), 401);
            Stories.eventuallyStatus(() -> given().header("AUTHORIZATION", token).get("/api/v1/projects"), 401);

            // tenancy's data is gone, as the platform administrator (who may read every organization) sees
            String platformAdmin = Stories.bearer(Stories.login(DeveloperConsumptionStoryIT.PLATFORM_ADMIN,
                    DeveloperConsumptionStoryIT.PLATFORM_ADMIN_PASSWORD));
            for (String path : List.of(
                    "/api/v1/organizations/" + org,
                    "/api/v1/organizations/" + org + "/projects/" + projectId,
                    "/api/v1/organizations/" + org + "/users",
                    "/v1/organizations/" + org,
                    "/v1/organizations/" + org + "/members",
                    "/v1/organizations/" + org + "/activities",
                    "/orgs/" + org + "/members/" + admin.userId(),
                    "/console/projects/" + projectId)) {
                Response read = given().header("Authorization", platformAdmin).get(path);
                assertThat(read.statusCode()).as("platform admin GET " + path + ": " + read.asString()).isEqualTo(404);
            }

            // and the former owner, signing in again, belongs to nothing
            Response relogin = given().contentType(ContentType.JSON)
                    .body(Map.of("email", admin.email(), "password", admin.password())).post("/api/v1/session");
            assertThat(relogin.statusCode()).as(relogin.asString()).isEqualTo(200);
            String fresh = relogin.path("content.token");
            assertThat(Stories.roles(fresh, org)).isEmpty();
            given().header("AUTHORIZATION", fresh).get("/api/v1/account").then().statusCode(404);
            given().header("AUTHORIZATION", fresh).get("/api/v1/projects/" + projectId).then().statusCode(404);
            assertThat(given().header("Authorization", Stories.bearer(fresh)).get("/v1/organizations")
                    .<List<String>>path("result.id")).doesNotContain(org);
            for (String path : List.of("/v1/organizations/" + org + "/services/" + serviceId,
                    "/v1/organizations/" + org + "/keys",
                    "/apps/" + org + "/" + appId,
                    "/console/projects/" + projectId + "/notifications")) {
                Response read = given().header("Authorization", Stories.bearer(fresh)).get(path);
                assertThat(read.statusCode()).as("former owner GET " + path + ": " + read.asString()).isEqualTo(404);
            }
        }
    }
}
