package com.cumulus.gateway.e2e;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Steps several stories share, all through the gateway (RestAssured's base URI is the suite's gateway). */
final class Stories {

    /** Generous deadlines: the build machine is shared, a story must not fail because it is slow. */
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final String PASSWORD = "correct horse battery staple";

    private Stories() {
    }

    /** A registered, activated seed 003 account: the admin of its own new organization. */
    record Account(String email, String password, String userId, String organizationId, String token) {
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Seed 003: register, read the approve code from the mail sink, activate. */
    static Account register(String prefix, String organizationName) {
        String email = uniqueEmail(prefix);
        String registrationId = given().contentType(ContentType.JSON)
                .body(Map.of("organizationName", organizationName, "email", email))
                .when().post("/api/v1/register")
                .then().statusCode(201).extract().path("content.registrationId");
        String code = awaitMail(email, Pattern.compile("(?i)approve code:\\s*(\\S+)")).group(1);
        Response activated = given().contentType(ContentType.JSON)
                .body(Map.of("approveCode", code, "password", PASSWORD, "firstName", "Ada", "lastName", "Story"))
                .when().put("/api/v1/register/" + registrationId);
        assertThat(activated.statusCode()).as(activated.asString()).isEqualTo(202);
        // 202: tenancy creates the organization from identity's account.registered event; wait until it has
        String token = activated.path("content.token");
        eventuallyStatus(() -> given().header("AUTHORIZATION", token).get("/api/v1/account"), 200);
        return new Account(email, PASSWORD, activated.path("content.id"), activated.path("content.organizationId"),
                activated.path("content.token"));
    }

    /** Seed 003 login; the raw token. */
    static String login(String email, String password) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/session");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.path("content.token");
    }

    /**
     * Logs in until the access token names {@code role} in {@code organizationId}: the {@code orgs} claim comes from
     * identity's projection of tenancy's memberships, which follows tenancy's events.
     */
    static String loginWithRole(String email, String password, String organizationId, String role) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> login(email, password), t -> roles(t, organizationId).contains(role));
    }

    @SuppressWarnings("unchecked")
    static List<String> roles(String token, String organizationId) {
        Object orgs = claims(token).getClaim("orgs");
        if (!(orgs instanceof Map<?, ?> map) || !(map.get(organizationId) instanceof List<?> roles)) {
            return List.of();
        }
        return (List<String>) roles;
    }

    static JWTClaimsSet claims(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String keyId, String keySecret) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((keyId + ":" + keySecret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Polls a call until its answer satisfies the condition (never a fixed sleep). */
    static Response eventually(Callable<Response> call, Predicate<Response> condition) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(250)).until(call, condition::test);
    }

    static Response eventuallyStatus(Callable<Response> call, int status) {
        return eventually(call, r -> r.statusCode() == status);
    }

    /** Mails the sink received for {@code email}, oldest first, as text. */
    static List<String> mailsTo(String email) {
        List<String> texts = new ArrayList<>();
        for (MimeMessage m : SuiteExtension.suite().mail.getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(email))) {
                    texts.add(String.valueOf(m.getContent()));
                }
            } catch (Exception ignored) {
                // a message we cannot read is not ours
            }
        }
        return texts;
    }

    /** Waits for a mail to {@code email} whose text matches {@code pattern}; the newest match. */
    static Matcher awaitMail(String email, Pattern pattern) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher found = null;
            for (String text : mailsTo(email)) {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    found = m;
                }
            }
            return found;
        }, m -> m != null);
    }
}
