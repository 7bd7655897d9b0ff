package com.cumulus.tenancy.invitation;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.cumulus.tenancy.GreenMailResource;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Invitations in seeds 004, 000 and 002; mail read from a real SMTP server. */
@QuarkusTest
class InvitationResourcesTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    private static String mailTo(String email) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(GreenMailResource.server().getReceivedMessages())
                .anyMatch(m -> to(m).equalsIgnoreCase(email)));
        return Arrays.stream(GreenMailResource.server().getReceivedMessages()).filter(m -> to(m).equalsIgnoreCase(email))
                .reduce((a, b) -> b).map(GreenMailUtil::getBody).orElseThrow();
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code(String body) {
        Matcher m = Pattern.compile("Code: (\\S+)").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void cloudInvitationIsMailedAcceptedOnceAndListed() {
        String org = Fixtures.organization(alice);
        String email = Fixtures.uniqueName("bob") + "@example.test";
        String base = "/v1/organizations/" + org + "/invitations";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase(), "role", "developer")).post(base)
                .then().statusCode(200).body("result.role", equalTo("developer")).body("result.email", equalTo(email))
                .extract().path("result.id");
        String body = mailTo(email);
        assertThat(body).contains(id);
        given().header("Authorization", alice.bearer()).get(base).then().statusCode(200).body("result.id", hasItem(id));
        given().header("Authorization", alice.bearer()).get(base + "/" + id).then().statusCode(200)
                .body("result.expireAt", notNullValue());

        TestTokens bob = TestTokens.newUser().email(email);
        given().header("Authorization", bob.bearer()).get("/console/invites").then().statusCode(200).body("id", hasItem(id));
        given().header("Authorization", mallory.email("mallory@example.test").bearer()).contentType(ContentType.JSON)
                .body(Map.of("scope", id)).post("/console/invites").then().statusCode(404);
        given().header("Authorization", bob.bearer()).contentType(ContentType.JSON).body(Map.of("scope", code(body)))
                .post("/console/invites").then().statusCode(200);
        given().header("Authorization", bob.bearer()).get("/v1/organizations/" + org + "/members/" + bob.subject())
                .then().statusCode(200).body("result.role", equalTo("developer"));
        given().header("Authorization", bob.bearer()).contentType(ContentType.JSON).body(Map.of("scope", id))
                .post("/console/invites").then().statusCode(410).body("message", containsString("used"));

        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "role", "developer")).post(base)
                .then().statusCode(400).body("error", containsString("email"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.test", "role", "owner")).post(base)
                .then().statusCode(400).body("error", containsString("role"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(base).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(base + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(base + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.test", "role", "developer")).post(base).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete(base + "/" + id).then().statusCode(200);
        given().header("Authorization", alice.bearer()).get(base + "/" + id).then().statusCode(404);
    }

    @Test
    void consoleInvitesToOrganizationAndProjectSecureAndExpired() throws Throwable {
        String org = Fixtures.organization(alice);
        String carol = Fixtures.uniqueName("carol") + "@example.test";
        String dave = Fixtures.uniqueName("dave") + "@example.test";
        List<String> ids = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("expireDays", 3, "secure", true, "roles", List.of("reader"), "emails", List.of(carol, dave)))
                .put("/console/invites/orgs/" + org).then().statusCode(200)
                .body("roles[0]", equalTo(List.of("reader"))).extract().path("id");
        TestTokens carolToken = TestTokens.newUser().email(carol);
        given().header("Authorization", carolToken.bearer()).contentType(ContentType.JSON).body(Map.of("scope", ids.get(0)))
                .post("/console/invites").then().statusCode(400).body("field", equalTo("code"));
        given().header("Authorization", carolToken.bearer()).contentType(ContentType.JSON)
                .body(Map.of("scope", ids.get(0), "code", code(mailTo(carol)))).post("/console/invites").then().statusCode(200);
        given().header("Authorization", carolToken.bearer()).get("/api/v1/organizations/" + org).then().statusCode(200);

        // expired: move dave's expiry into the past
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("update invitation set expires_at = now() - interval '1 day' where id = cast(?1 as uuid)")
                .setParameter(1, ids.get(1)).executeUpdate())));
        TestTokens daveToken = TestTokens.newUser().email(dave);
        given().header("Authorization", daveToken.bearer()).contentType(ContentType.JSON)
                .body(Map.of("scope", code(mailTo(dave)))).post("/console/invites").then().statusCode(410)
                .body("message", containsString("expired"));
        given().header("Authorization", daveToken.bearer()).get("/console/invites").then().body("id", not(hasItem(ids.get(1))));

        String project = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "invite-target", "org_id", org)).post("/console/projects").then().statusCode(200)
                .extract().path("id");
        String erin = Fixtures.uniqueName("erin") + "@example.test";
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("developer"), "emails", List.of(erin)))
                .put("/console/invites/projects/" + project).then().statusCode(200).body("[0].project_id", equalTo(project));
        assertThat(mailTo(erin)).contains("developer");

        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("expireDays", 90, "emails", List.of("z@example.test"))).put("/console/invites/orgs/" + org)
                .then().statusCode(400).body("field", equalTo("expireDays"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/console/invites").then().statusCode(400).body("field", equalTo("scope"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emails", List.of("z@example.test"))).put("/console/invites/orgs/" + org).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON)
                .body(Map.of("emails", List.of("z@example.test"))).put("/console/invites/projects/" + project).then().statusCode(404);
    }

    @Test
    void connectMemberInvitationsCreateListRegenerateAcceptDelete() {
        String org = Fixtures.organization(alice);
        String frank = Fixtures.uniqueName("frank") + "@example.test";
        String base = "/orgs/" + org + "/member-invitations";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", frank, "role_urls", List.of("/orgs/" + org + "/roles/developer"))).post(base)
                .then().statusCode(201).body("type", equalTo("member_invitation")).body("state", equalTo("pending"))
                .extract().path("id");
        String firstCode = code(mailTo(frank));
        given().header("Authorization", alice.bearer()).get(base).then().statusCode(200).body("id", hasItem(id));
        given().header("Authorization", alice.bearer()).get(base + "/" + id).then().statusCode(200).body("email", equalTo(frank));
        given().header("Authorization", alice.bearer()).post(base + "/" + id + "/regenerate").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !code(mailTo(frank)).equals(firstCode));
        TestTokens frankToken = TestTokens.newUser().email(frank);
        given().header("Authorization", frankToken.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post(base + "/" + id + "/accept").then().statusCode(200).body("state", equalTo("accepted"));
        given().header("Authorization", frankToken.bearer()).get("/orgs/" + org + "/members/" + frankToken.subject())
                .then().statusCode(200).body("role_urls", equalTo(List.of("/orgs/" + org + "/roles/developer")));
        given().header("Authorization", alice.bearer()).post(base + "/" + id + "/regenerate").then().statusCode(410);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of("email", "nope"))
                .post(base).then().statusCode(400).body("field", equalTo("email"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(base).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get(base + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).post(base + "/" + id + "/regenerate").then().statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(base + "/" + id).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("email", "m@example.test"))
                .post(base).then().statusCode(404);
        given().header("Authorization", alice.bearer()).delete(base + "/" + id).then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", alice.bearer()).get(base + "/" + id).then().statusCode(404);
    }
}
