package com.cumulus.identity.membership;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import com.cumulus.identity.Mailbox;
import com.cumulus.identity.token.Secrets;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
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
    void organizationDeletedDropsItsKeysMembershipsAndSessionsAndAnnouncesThem() {
        Account account = Accounts.register("orgdel");
        var key = given().header("Authorization", account.bearer()).contentType("application/json")
                .body("{\"name\":\"k\",\"roles\":[\"admin\"]}")
                .post("/v1/organizations/" + account.organizationId() + "/keys").then().statusCode(200)
                .extract().jsonPath();
        String keyId = key.getString("result.keyId");
        String keySecret = key.getString("result.keySecret");
        given().formParam("grant_type", "client_credentials").formParam("client_id", keyId)
                .formParam("client_secret", keySecret).post("/oauth2/v2/token").then().statusCode(200);
        String serviceAccountId = given().header("Authorization", account.bearer()).contentType("application/json")
                .body("{\"metadata\":{\"name\":\"bot\"},\"spec\":{\"groupIDs\":[]}}")
                .post("/api/v1/organizations/" + account.organizationId() + "/serviceaccounts").then().statusCode(201)
                .extract().path("metadata.id");
        String sessionId = claim(account.token(), "sid");
        String jti = claim(account.token(), "jti");
        // a member of ANOTHER organization keeps their session
        Account outsider = Accounts.register("orgkeep");

        publish("tenancy.events", "com.cumulus.tenancy.organization.deleted.v1", account.organizationId(),
                "{\"organizationId\":\"" + account.organizationId() + "\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().header("Authorization", account.bearer()).get("/api/v1/me").statusCode() == 401);
        assertThat(orgsClaim(Accounts.login(account.email(), Accounts.PASSWORD))).isEqualTo("{}");
        given().header("Authorization", "Bearer " + Accounts.rootToken()).get("/api/v1/me").then().statusCode(200);
        given().header("Authorization", outsider.bearer()).get("/api/v1/me").then().statusCode(200);
        given().formParam("grant_type", "client_credentials").formParam("client_id", keyId)
                .formParam("client_secret", keySecret).post("/oauth2/v2/token").then().statusCode(401);

        // the gateway learns it from identity.events
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.apikey.deleted.v1", keyId))
                .contains("\"organizationId\":\"" + account.organizationId() + "\"")
                .contains("\"keySecretHash\":\"" + Secrets.sha256Hex(keySecret) + "\"")
                .contains("\"roles\":[\"admin\"]").contains("\"state\":\"enabled\"");
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.session.revoked.v1", sessionId))
                .contains("\"userId\":\"" + account.userId() + "\"").contains(jti);
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.serviceaccount.deleted.v1", serviceAccountId))
                .contains("\"organizationId\":\"" + account.organizationId() + "\"").contains("\"tokenIds\":[\"");
    }

    @Test
    void invitationRegisteredCreatesTheAccountAndMailsASetPasswordLink() {
        String userId = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        String invitationId = UUID.randomUUID().toString();
        String email = Accounts.uniqueEmail("invited");
        String event = "{\"invitationId\":\"" + invitationId + "\",\"organizationId\":\"" + org + "\",\"userId\":\""
                + userId + "\",\"email\":\"" + email.toUpperCase(java.util.Locale.ROOT) + "\",\"username\":\"inv\","
                + "\"firstName\":\"Ivy\",\"lastName\":\"Invited\",\"roles\":[\"developer\"]}";
        publish("tenancy.events", "com.cumulus.tenancy.invitation.registered.v1", invitationId, event);
        String mail = Mailbox.nth(email, 1);
        assertThat(mail).contains("?resetToken=").contains("Ivy");
        String resetToken = Mailbox.value(mail, "Reset token:");
        // no password yet: nothing logs in
        given().contentType("application/json").body(Map.of("email", email, "password", "anything-1"))
                .post("/api/v1/session").then().statusCode(401);
        // the same event again (another id, e.g. a replay by tenancy) changes nothing: no second mail
        publish("tenancy.events", "com.cumulus.tenancy.invitation.registered.v1", invitationId, event);
        // membership comes from tenancy's membership event (same key: consumed after both invitation events)
        publish("tenancy.events", "com.cumulus.tenancy.membership.granted.v1", invitationId,
                "{\"organizationId\":\"" + org + "\",\"userId\":\"" + userId + "\",\"roles\":[\"developer\"]}");

        given().contentType("application/json").body(Map.of("resetToken", resetToken, "password", "invited-pass-1"))
                .put("/api/v1/reset-password").then().statusCode(202);
        given().contentType("application/json").body(Map.of("resetToken", resetToken, "password", "invited-pass-2"))
                .put("/api/v1/reset-password").then().statusCode(410);
        String token = Accounts.login(email, "invited-pass-1");
        assertThat(claim(token, "sub")).isEqualTo(userId);
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("content.id", equalTo(userId))
                .body("content.email", equalTo(email))
                .body("content.firstName", equalTo("Ivy"))
                .body("content.lastName", equalTo("Invited"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                orgsClaim(Accounts.login(email, "invited-pass-1")).contains("\"" + org + "\":[\"developer\"]"));
        assertThat(Mailbox.count(email)).isEqualTo(1);
    }

    @Test
    void invitationRegisteredForAKnownEmailChangesNothing() {
        Account existing = Accounts.register("known");
        String invitationId = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        publish("tenancy.events", "com.cumulus.tenancy.invitation.registered.v1", invitationId,
                "{\"invitationId\":\"" + invitationId + "\",\"organizationId\":\"" + UUID.randomUUID()
                        + "\",\"userId\":\"" + otherId + "\",\"email\":\"" + existing.email()
                        + "\",\"firstName\":\"X\",\"lastName\":\"Y\",\"roles\":[\"reader\"]}");
        // a later event on the same partition is consumed, so the invitation event was handled before it
        String org = UUID.randomUUID().toString();
        publish("tenancy.events", "com.cumulus.tenancy.membership.granted.v1", invitationId,
                "{\"organizationId\":\"" + org + "\",\"userId\":\"" + existing.userId() + "\",\"roles\":[\"reader\"]}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                orgsClaim(Accounts.login(existing.email(), Accounts.PASSWORD)).contains(org));
        String token = Accounts.login(existing.email(), Accounts.PASSWORD);
        assertThat(claim(token, "sub")).isEqualTo(existing.userId());
        assertThat(Mailbox.count(existing.email())).isEqualTo(1); // only the approve code
    }

    static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"" + name + "\":\"([^\"]*)\".*", "$1");
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
