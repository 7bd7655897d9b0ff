package com.cumulus.tenancy.invitation;

import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.cumulus.tenancy.GreenMailResource;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Seed 002 register (member and org invitations) and accept through /org-invitations. */
@QuarkusTest
class InvitationRegistrationTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String codeMailedTo(String email) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(GreenMailResource.server().getReceivedMessages())
                .anyMatch(m -> to(m).equalsIgnoreCase(email)));
        String body = Arrays.stream(GreenMailResource.server().getReceivedMessages()).filter(m -> to(m).equalsIgnoreCase(email))
                .reduce((a, b) -> b).map(GreenMailUtil::getBody).orElseThrow();
        Matcher m = Pattern.compile("Code: (\\S+)").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String invite(String org, String email) {
        return given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role_urls", List.of("/orgs/" + org + "/roles/developer")))
                .post("/orgs/" + org + "/member-invitations").then().statusCode(201).extract().path("id");
    }

    @Test
    void memberInvitationRegisterCreatesTheMemberAndPublishesNoSecret() {
        String org = Fixtures.organization(alice);
        String gina = Fixtures.uniqueName("gina") + "@example.test";
        String id = invite(org, gina);
        String code = codeMailedTo(gina);
        String base = "/orgs/" + org + "/member-invitations/" + id;

        // validation, each naming the field; nothing is used up by a refused request
        given().contentType(ContentType.JSON).body(Map.of("code", code, "last_name", "Lovelace"))
                .post(base + "/register").then().statusCode(400).body("field", equalTo("first_name"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "first_name", "Gina", "last_name", "L", "password", "s3cret-Passw0rd"))
                .post(base + "/register").then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "first_name", "Gina", "last_name", "L", "email", "other@example.test"))
                .post(base + "/register").then().statusCode(400).body("field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("first_name", "Gina", "last_name", "L"))
                .post(base + "/register").then().statusCode(400).body("field", equalTo("code"));
        given().contentType(ContentType.JSON).body(Map.of("code", "wrong-code", "first_name", "Gina", "last_name", "L"))
                .post(base + "/register").then().statusCode(404);
        // another organization's path, even with the right code: 404
        String malloryOrg = Fixtures.organization(mallory);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "first_name", "Gina", "last_name", "L"))
                .post("/orgs/" + malloryOrg + "/member-invitations/" + id + "/register").then().statusCode(404);

        String userId = given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "first_name", "Gina", "last_name", "Lovelace", "username", "gina"))
                .post(base + "/register").then().statusCode(201)
                .body("type", equalTo("member")).body("user.email", equalTo(gina))
                .body("user.first_name", equalTo("Gina"))
                .body("role_urls", equalTo(List.of("/orgs/" + org + "/roles/developer")))
                .extract().path("id");
        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/members/" + userId)
                .then().statusCode(200).body("user.last_name", equalTo("Lovelace")).body("state", equalTo("enabled"));
        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/member-invitations/" + id)
                .then().statusCode(200).body("state", equalTo("accepted"));
        given().contentType(ContentType.JSON).body(Map.of("code", code, "first_name", "Gina", "last_name", "L"))
                .post(base + "/register").then().statusCode(410);

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            var task = kafka.consumeStrings().fromTopics("tenancy.events");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(task.getRecords().stream()
                    .filter(r -> id.equals(r.key())).map(r -> codec.read(r.value()))
                    .filter(e -> e.type().equals("com.cumulus.tenancy.invitation.registered.v1")).toList()).hasSize(1));
            var event = task.getRecords().stream().filter(r -> id.equals(r.key())).map(r -> codec.read(r.value()))
                    .filter(e -> e.type().equals("com.cumulus.tenancy.invitation.registered.v1")).findFirst().orElseThrow();
            assertThat(event.data().get("userId").asText()).isEqualTo(userId);
            assertThat(event.data().get("email").asText()).isEqualTo(gina);
            assertThat(event.data().get("organizationId").asText()).isEqualTo(org);
            assertThat(event.data().get("roles").get(0).asText()).isEqualTo("developer");
            assertThat(event.data().has("password")).isFalse();
            assertThat(event.data().toString()).doesNotContain(code);
            task.stop();
        }
    }

    @Test
    void orgInvitationAcceptAndRegisterByCode() {
        String org = Fixtures.organization(alice);
        String hank = Fixtures.uniqueName("hank") + "@example.test";
        String id = invite(org, hank);
        TestTokens hankToken = TestTokens.newUser().email(hank);
        // someone else (another email) cannot accept it, nor through another organization's path
        given().header("Authorization", mallory.email("mallory@example.test").bearer()).contentType(ContentType.JSON)
                .body(Map.of()).post("/org-invitations/" + id + "/accept").then().statusCode(404);
        String malloryOrg = Fixtures.organization(mallory);
        given().header("Authorization", hankToken.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/orgs/" + malloryOrg + "/member-invitations/" + id + "/accept").then().statusCode(404);
        given().header("Authorization", hankToken.bearer()).contentType(ContentType.JSON).body(Map.of("code", "x".repeat(129)))
                .post("/org-invitations/" + id + "/accept").then().statusCode(400).body("field", equalTo("code"));
        given().header("Authorization", hankToken.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/org-invitations/" + id + "/accept").then().statusCode(200).body("state", equalTo("accepted"));
        given().header("Authorization", hankToken.bearer()).get("/orgs/" + org + "/members/" + hankToken.subject())
                .then().statusCode(200);
        given().header("Authorization", hankToken.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/org-invitations/" + id + "/accept").then().statusCode(410);
        given().contentType(ContentType.JSON).body(Map.of()).post("/org-invitations/" + id + "/accept").then().statusCode(401);

        // register with the code as the path (no token)
        String ivy = Fixtures.uniqueName("ivy") + "@example.test";
        invite(org, ivy);
        String code = codeMailedTo(ivy);
        given().contentType(ContentType.JSON).body(Map.of("first_name", "Ivy", "last_name", "Ng"))
                .post("/org-invitations/" + code + "/register").then().statusCode(201).body("user.email", equalTo(ivy));
        // an email already known as a user: 409 (sign in and accept instead)
        invite(org, ivy);
        await().atMost(Duration.ofSeconds(20)).until(() -> !codeMailedTo(ivy).equals(code));
        given().contentType(ContentType.JSON).body(Map.of("first_name", "Ivy", "last_name", "Ng"))
                .post("/org-invitations/" + codeMailedTo(ivy) + "/register").then().statusCode(409);
    }
}
