package com.cumulus.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Story 1 of issue 8, through the gateway only, against the suite started as deploy/local/up starts it:
 * register an account (seed 003), read the approve code from the mail sink, activate, log in, read /api/v1/me,
 * create a project, log out; the old token is refused at the gateway within one second (polled, not slept).
 */
@ExtendWith(SuiteExtension.class)
class AccountStoryIT {

    @Test
    void registerActivateLoginCreateProjectLogout() throws Exception {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String password = "correct horse battery staple";

        String registrationId = given().contentType(ContentType.JSON)
                .body(Map.of("organizationName", "Acme Story", "email", email))
                .when().post("/api/v1/register")
                .then().statusCode(201).extract().path("content.registrationId");

        String code = await().atMost(Duration.ofSeconds(20)).until(() -> approveCode(email), c -> c != null);

        given().contentType(ContentType.JSON)
                .body(Map.of("approveCode", code, "password", password, "firstName", "Ada", "lastName", "Owner"))
                .when().put("/api/v1/register/" + registrationId)
                .then().statusCode(202);

        String token = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/session")
                .then().statusCode(200).extract().path("content.token");
        assertThat(token).isNotBlank();

        // seed 003 sends the raw token in AUTHORIZATION; the gateway turns it into a Bearer token upstream
        given().header("AUTHORIZATION", token).when().get("/api/v1/me")
                .then().statusCode(200);
        assertThat(given().header("AUTHORIZATION", token).get("/api/v1/me").<String>path("content.email"))
                .isEqualTo(email);

        // tenancy learns of the new organization from identity's event; the project lands once it has
        Response created = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .header("AUTHORIZATION", token).contentType(ContentType.JSON)
                .body(Map.of("name", "first-project", "description", "made in the story"))
                .post("/api/v1/projects"), r -> r.statusCode() == 201);
        String projectId = created.path("content.id");
        given().header("AUTHORIZATION", token).when().get("/api/v1/projects/" + projectId)
                .then().statusCode(200);

        given().header("AUTHORIZATION", token).when().delete("/api/v1/session/logout").then().statusCode(202);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(25)).until(() ->
                given().header("AUTHORIZATION", token).get("/api/v1/projects").statusCode() == 401);
    }

    private static String approveCode(String email) throws Exception {
        Pattern pattern = Pattern.compile("(?i)approve code:\\s*(\\S+)");
        MimeMessage[] messages = SuiteExtension.suite().mail.getReceivedMessages();
        return Arrays.stream(messages).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (Exception e) {
                return false;
            }
        }).map(m -> {
            try {
                Matcher matcher = pattern.matcher(String.valueOf(m.getContent()));
                return matcher.find() ? matcher.group(1) : null;
            } catch (Exception e) {
                return null;
            }
        }).filter(c -> c != null).findFirst().orElse(null);
    }
}
