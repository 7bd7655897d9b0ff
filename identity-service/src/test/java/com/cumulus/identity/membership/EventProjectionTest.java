package com.cumulus.identity.membership;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.token.Secrets;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class EventProjectionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void publish(String topic, String type, String key, String data) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/test\",\"type\":\""
                + type + "\",\"subject\":\"" + key + "\",\"time\":\"" + OffsetDateTime.now()
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            // as the outbox relay publishes them: structured CloudEvents with the cloudevents content type
            kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, null, key, json, java.util.List.of(
                    new org.apache.kafka.common.header.internals.RecordHeader("content-type",
                            "application/cloudevents+json".getBytes())))).awaitCompletion(Duration.ofSeconds(20));
        }
    }

    static String orgsClaim(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"orgs\":(\\{[^}]*\\}).*", "$1");
    }

    @Test
    void membershipEventsFeedTheOrgsClaim() {
        Account account = Accounts.register("member");
        String otherOrg = UUID.randomUUID().toString();
        publish("tenancy.events", "com.cumulus.tenancy.membership.granted.v1", otherOrg,
                "{\"organizationId\":\"" + otherOrg + "\",\"userId\":\"" + account.userId()
                        + "\",\"roles\":[\"developer\",\"billing\"]}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                orgsClaim(Accounts.login(account.email(), Accounts.PASSWORD))
                        .contains("\"" + otherOrg + "\":[\"developer\",\"billing\"]"));
        assertThat(orgsClaim(Accounts.login(account.email(), Accounts.PASSWORD)))
                .contains("\"" + account.organizationId() + "\":[\"admin\"]");

        publish("tenancy.events", "com.cumulus.tenancy.membership.revoked.v1", otherOrg,
                "{\"organizationId\":\"" + otherOrg + "\",\"userId\":\"" + account.userId() + "\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                !orgsClaim(Accounts.login(account.email(), Accounts.PASSWORD)).contains(otherOrg));
    }

    @Test
    void organizationDeletedDropsItsKeysMembershipsAndSessions() {
        Account account = Accounts.register("orgdel");
        String keyId = given().header("Authorization", account.bearer()).contentType("application/json")
                .body("{\"name\":\"k\",\"roles\":[\"admin\"]}")
                .post("/v1/organizations/" + account.organizationId() + "/keys").then().statusCode(200)
                .extract().path("result.keyId");
        publish("tenancy.events", "com.cumulus.tenancy.organization.deleted.v1", account.organizationId(),
                "{\"organizationId\":\"" + account.organizationId() + "\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().header("Authorization", account.bearer()).get("/api/v1/me").statusCode() == 401);
        assertThat(orgsClaim(Accounts.login(account.email(), Accounts.PASSWORD))).isEqualTo("{}");
        given().header("Authorization", "Bearer " + Accounts.rootToken()).get("/api/v1/me").then().statusCode(200);
        given().formParam("grant_type", "client_credentials").formParam("client_id", keyId)
                .formParam("client_secret", "whatever").post("/oauth2/v2/token").then().statusCode(401);
    }

    @Test
    void catalogCredentialsBecomeClientCredentialsClients() {
        String clientId = "app-" + UUID.randomUUID();
        String secret = "app-secret-" + UUID.randomUUID();
        String org = UUID.randomUUID().toString();
        String credentialId = UUID.randomUUID().toString();
        publish("catalog.events", "com.cumulus.catalog.credential.issued.v1", credentialId,
                "{\"credentialId\":\"" + credentialId + "\",\"appId\":\"a1\",\"organizationId\":\"" + org
                        + "\",\"clientId\":\"" + clientId + "\",\"clientSecretHash\":\"" + Secrets.sha256Hex(secret)
                        + "\",\"state\":\"enabled\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                        .formParam("client_secret", secret).post("/oauth2/v2/token").statusCode() == 200);
        String token = given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/oauth2/v2/token").then().statusCode(200).extract().path("access_token");
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])))
                .contains("\"principal_type\":\"client\"").contains("\"client_id\":\"" + clientId + "\"");
        given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", "wrong").post("/oauth2/v2/token").then().statusCode(401);

        publish("catalog.events", "com.cumulus.catalog.credential.revoked.v1", credentialId,
                "{\"credentialId\":\"" + credentialId + "\",\"appId\":\"a1\",\"organizationId\":\"" + org
                        + "\",\"clientId\":\"" + clientId + "\",\"clientSecretHash\":\"" + Secrets.sha256Hex(secret)
                        + "\",\"state\":\"disabled\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                        .formParam("client_secret", secret).post("/oauth2/v2/token").statusCode() == 401);
    }
}
