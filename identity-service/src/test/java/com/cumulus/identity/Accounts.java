package com.cumulus.identity;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers that go through the real API: register + activate via the mailed code, log in. */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-1";

    private Accounts() {
    }

    /** An activated account: the admin user, their organization and a session token. */
    public record Account(String userId, String organizationId, String email, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public static Account register(String prefix) {
        String email = uniqueEmail(prefix);
        String registrationId = given().contentType(ContentType.JSON)
                .body(Map.of("organizationName", prefix + " Org", "email", email))
                .post("/api/v1/register").then().statusCode(201)
                .extract().path("content.registrationId");
        String code = Mailbox.value(Mailbox.nth(email, 1), "Approve code:");
        var content = given().contentType(ContentType.JSON)
                .body(Map.of("approveCode", code, "password", PASSWORD, "firstName", "Ada", "lastName", "Admin"))
                .put("/api/v1/register/" + registrationId).then().statusCode(202)
                .extract().jsonPath();
        return new Account(content.getString("content.id"), content.getString("content.organizationId"), email,
                content.getString("content.token"));
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/session").then().statusCode(200).extract().path("content.token");
    }

    public static String rootToken() {
        return login("root@cumulus.test", "root-password-1");
    }
}
