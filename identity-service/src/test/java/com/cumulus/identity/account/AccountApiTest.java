package com.cumulus.identity.account;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import com.cumulus.identity.Events;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void registerMailsACodeAndActivationCreatesAdminOfANewOrganization() {
        String email = Accounts.uniqueEmail("reg");
        String registrationId = given().contentType(ContentType.JSON)
                .body(Map.of("organizationName", "Acme", "email", email))
                .post("/api/v1/register").then().statusCode(201)
                .body("meta.params.indent", equalTo(0))
                .body("content.email", equalTo(email))
                .body("content.organizationName", equalTo("Acme"))
                .extract().path("content.registrationId");
        String code = Mailbox.value(Mailbox.nth(email, 1), "Approve code:");

        given().contentType(ContentType.JSON).body(activation("wrong-code"))
                .put("/api/v1/register/" + registrationId).then().statusCode(404)
                .body("error.type", equalTo("Not Found"));
        var activated = given().contentType(ContentType.JSON).body(activation(code))
                .put("/api/v1/register/" + registrationId).then().statusCode(202)
                .body("content.email", equalTo(email))
                .body("content.role", equalTo("admin"))
                .body("content.token", notNullValue())
                .extract().jsonPath();
        String userId = activated.getString("content.id");
        String orgId = activated.getString("content.organizationId");
        String payload = new String(Base64.getUrlDecoder().decode(activated.getString("content.token").split("\\.")[1]));
        assertThat(payload).contains("\"orgs\":{\"" + orgId + "\":[\"admin\"]}").contains("\"principal_type\":\"user\"");

        // single use
        given().contentType(ContentType.JSON).body(activation(code))
                .put("/api/v1/register/" + registrationId).then().statusCode(410);
        given().contentType(ContentType.JSON).body(activation(code))
                .put("/api/v1/register/" + java.util.UUID.randomUUID()).then().statusCode(404);

        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.account.registered.v1", userId))
                .contains(orgId).contains("\"organizationName\":\"Acme\"").contains("\"role\":\"admin\"");
    }

    private static Map<String, Object> activation(String code) {
        return Map.of("approveCode", code, "password", Accounts.PASSWORD, "firstName", "Ada", "lastName", "Lovelace");
    }

    @Test
    void registrationValidatesFieldsAndRejectsUsedEmails() {
        given().contentType(ContentType.JSON).body(Map.of("organizationName", "X", "email", "a".repeat(62) + "@example.test"))
                .post("/api/v1/register").then().statusCode(400)
                .body("error.type", equalTo("Invalid Params")).body("error.field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("email", Accounts.uniqueEmail("x")))
                .post("/api/v1/register").then().statusCode(400).body("error.field", equalTo("organizationName"));
        Account account = Accounts.register("dup");
        given().contentType(ContentType.JSON).body(Map.of("organizationName", "Y", "email", account.email()))
                .post("/api/v1/register").then().statusCode(409).body("error.type", equalTo("Conflict"));
        Map<String, Object> tooLong = new HashMap<>(activation("c"));
        tooLong.put("password", "p".repeat(129));
        given().contentType(ContentType.JSON).body(tooLong).put("/api/v1/register/" + java.util.UUID.randomUUID())
                .then().statusCode(400).body("error.field", equalTo("password"));
        tooLong.put("password", "ok-password");
        tooLong.put("firstName", "f".repeat(33));
        given().contentType(ContentType.JSON).body(tooLong).put("/api/v1/register/" + java.util.UUID.randomUUID())
                .then().statusCode(400).body("error.field", equalTo("firstName"));
    }

    @Test
    void approveCodeCanBeResent() {
        String email = Accounts.uniqueEmail("resend");
        String registrationId = given().contentType(ContentType.JSON)
                .body(Map.of("organizationName", "Resend", "email", email))
                .post("/api/v1/register").then().statusCode(201).extract().path("content.registrationId");
        String first = Mailbox.value(Mailbox.nth(email, 1), "Approve code:");
        given().contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/v1/register/approve-code").then().statusCode(202);
        String second = Mailbox.value(Mailbox.nth(email, 2), "Approve code:");
        assertThat(second).isNotEqualTo(first);
        given().contentType(ContentType.JSON).body(activation(first))
                .put("/api/v1/register/" + registrationId).then().statusCode(404);
        given().contentType(ContentType.JSON).body(activation(second))
                .put("/api/v1/register/" + registrationId).then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("email", Accounts.uniqueEmail("nobody")))
                .post("/api/v1/register/approve-code").then().statusCode(404);
    }

    @Test
    void loginReturnsATokenAcceptedAsBearerOrRawHeader() {
        Account account = Accounts.register("login");
        var login = given().contentType(ContentType.JSON)
                .body(Map.of("email", account.email().toUpperCase(), "password", Accounts.PASSWORD))
                .post("/api/v1/session").then().statusCode(200)
                .body("content.id", equalTo(account.userId()))
                .body("content.role", equalTo("admin"))
                .extract().jsonPath();
        String token = login.getString("content.token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("content.email", equalTo(account.email()))
                .body("content.organizationId", equalTo(account.organizationId()));
        given().header("AUTHORIZATION", token).get("/api/v1/me").then().statusCode(200)
                .body("content.id", equalTo(account.userId()));
        String pretty = given().header("AUTHORIZATION", token).get("/api/v1/me?indent=2").then().statusCode(200)
                .extract().asString();
        assertThat(pretty).contains("\n  \"meta\"").contains("\n    \"id\"");
    }

    @Test
    void eachPasswordCheckAddsItsCpuTimeToTheHashTimer() {
        Account account = Accounts.register("hashcpu");
        double[] before = hashTimer();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/session").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", account.email(), "password", "not-the-password-1"))
                .post("/api/v1/session").then().statusCode(401);
        double[] after = hashTimer();
        assertThat(after[0] - before[0]).isEqualTo(2.0);
        assertThat(after[1] - before[1]).isPositive();
    }

    /** count and CPU seconds of identity.password.hash.cpu, as Prometheus scrapes them */
    private static double[] hashTimer() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double[] timer = new double[2];
        for (String line : metrics.split("\n")) {
            if (line.startsWith("identity_password_hash_cpu_seconds_count")) {
                timer[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("identity_password_hash_cpu_seconds_sum")) {
                timer[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return timer;
    }

    @Test
    void meNeedsAValidTokenOfThisIssuer() {
        given().get("/api/v1/me").then().statusCode(401).body("error.type", equalTo("Unauthorized"));
        given().header("Authorization", TestTokens.newUser().bearer()).get("/api/v1/me").then().statusCode(401);
        String token = Accounts.register("tamper").token();
        String[] parts = token.split("\\.");
        given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(2) + "AA")
                .get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void wrongPasswordsAreThrottledWithoutRevealingWhetherTheEmailExists() {
        Account account = Accounts.register("throttle");
        String unknown = Accounts.uniqueEmail("ghost");
        for (String email : new String[]{account.email(), unknown}) {
            for (int i = 0; i < 3; i++) {
                given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.0.0." + (i + 1))
                        .body(Map.of("email", email, "password", "wrong-password"))
                        .post("/api/v1/session").then().statusCode(401)
                        .body("error.message", equalTo("invalid email or password"));
            }
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.0.0.9")
                    .body(Map.of("email", email, "password", "wrong-password"))
                    .post("/api/v1/session").then().statusCode(429)
                    .header("Retry-After", notNullValue());
        }
        // even the right password waits until the lockout ends
        given().contentType(ContentType.JSON).body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/session").then().statusCode(429);
    }

    @Test
    void aLoginClearsTheAccountsFailuresStartsASessionAndPublishesLoggedIn() {
        Account account = Accounts.register("relogin");
        for (int round = 0; round < 2; round++) {
            // two failures per round: three in a row would lock the account, a login in between clears them
            for (int i = 0; i < 2; i++) {
                given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.0.1." + (10 * round + i))
                        .body(Map.of("email", account.email(), "password", "wrong-password"))
                        .post("/api/v1/session").then().statusCode(401);
            }
            String token = Accounts.login(account.email(), Accounts.PASSWORD);
            given().header("AUTHORIZATION", token).get("/api/v1/me").then().statusCode(200)
                    .body("content.email", equalTo(account.email()));
            String claims = new String(Base64.getUrlDecoder().decode(token.replace("Bearer ", "").split("\\.")[1]));
            String sid = claims.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
            assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.user.logged-in.v1", sid))
                    .contains(account.userId());
        }
    }

    @Test
    void logoutInvalidatesTheTokenAndOthersTrueEndsEveryOtherSession() {
        Account account = Accounts.register("logout");
        String a = Accounts.login(account.email(), Accounts.PASSWORD);
        String b = Accounts.login(account.email(), Accounts.PASSWORD);
        given().header("AUTHORIZATION", a).delete("/api/v1/session/logout?others=true").then().statusCode(202)
                .body("content", nullValue());
        given().header("AUTHORIZATION", b).get("/api/v1/me").then().statusCode(401);
        given().header("AUTHORIZATION", account.token()).get("/api/v1/me").then().statusCode(401);
        given().header("AUTHORIZATION", a).get("/api/v1/me").then().statusCode(200);
        given().header("AUTHORIZATION", a).delete("/api/v1/session/logout").then().statusCode(202);
        given().header("AUTHORIZATION", a).get("/api/v1/me").then().statusCode(401);
        given().delete("/api/v1/session/logout").then().statusCode(401);
    }

    @Test
    void forgotPasswordMailsASingleUseLinkAndResetEndsSessions() {
        Account account = Accounts.register("reset");
        given().contentType(ContentType.JSON).body(Map.of("email", account.email()))
                .post("/api/v1/forgot-password").then().statusCode(201);
        String mail = Mailbox.nth(account.email(), 2);
        assertThat(mail).contains("?resetToken=");
        String resetToken = Mailbox.value(mail, "Reset token:");
        given().contentType(ContentType.JSON).body(Map.of("resetToken", resetToken, "password", "p".repeat(129)))
                .put("/api/v1/reset-password").then().statusCode(400).body("error.field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("resetToken", resetToken, "password", "new-password-2"))
                .put("/api/v1/reset-password").then().statusCode(202);
        given().header("AUTHORIZATION", account.token()).get("/api/v1/me").then().statusCode(401);
        Accounts.login(account.email(), "new-password-2");
        given().contentType(ContentType.JSON).body(Map.of("resetToken", resetToken, "password", "again-3"))
                .put("/api/v1/reset-password").then().statusCode(410);
        given().contentType(ContentType.JSON).body(Map.of("resetToken", "nope", "password", "again-3"))
                .put("/api/v1/reset-password").then().statusCode(404);
        // unknown emails get the same answer (existence is not revealed)
        given().contentType(ContentType.JSON).body(Map.of("email", Accounts.uniqueEmail("nobody")))
                .post("/api/v1/forgot-password").then().statusCode(201);
    }

    @Test
    void adminsManageRoleUsersOfTheirOwnAccountOnly() {
        Account acme = Accounts.register("acme");
        Account other = Accounts.register("other");
        String devEmail = Accounts.uniqueEmail("dev");
        var created = given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("email", devEmail, "password", "dev-password-1", "firstName", "Dev", "lastName", "One"))
                .post("/api/v1/developers").then().statusCode(201)
                .body("content.role", equalTo("developer"))
                .body("content.token", notNullValue())
                .extract().jsonPath();
        String devId = created.getString("content.id");
        String devToken = created.getString("content.token");

        given().header("AUTHORIZATION", acme.token()).get("/api/v1/developers/" + devId).then().statusCode(200)
                .body("content.email", equalTo(devEmail)).body("content.role", equalTo("developer"));
        given().header("AUTHORIZATION", acme.token()).get("/api/v1/admins/" + devId).then().statusCode(404);
        // another organization's admin sees nothing
        given().header("AUTHORIZATION", other.token()).get("/api/v1/developers/" + devId).then().statusCode(404);
        given().header("AUTHORIZATION", other.token()).contentType(ContentType.JSON).body(Map.of("firstName", "X"))
                .put("/api/v1/developers/" + devId).then().statusCode(404);
        given().header("AUTHORIZATION", other.token()).delete("/api/v1/developers/" + devId).then().statusCode(404);
        // a developer cannot create admins
        given().header("AUTHORIZATION", devToken).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail("adm"), "password", "pw-123456"))
                .post("/api/v1/admins").then().statusCode(403);
        // validation and conflicts
        given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail("b"), "password", "pw-123456", "lastName", "l".repeat(33)))
                .post("/api/v1/billings").then().statusCode(400).body("error.field", equalTo("lastName"));
        given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("email", other.email(), "password", "pw-123456"))
                .post("/api/v1/billings").then().statusCode(409);
        given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("email", other.email())).put("/api/v1/developers/" + devId).then().statusCode(409);

        given().header("AUTHORIZATION", acme.token()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Renamed", "role", "admin")).put("/api/v1/developers/" + devId)
                .then().statusCode(202).body("content.firstName", equalTo("Renamed"))
                .body("content.role", equalTo("developer"));

        given().header("AUTHORIZATION", acme.token()).delete("/api/v1/developers/" + devId).then().statusCode(202);
        given().header("AUTHORIZATION", acme.token()).get("/api/v1/developers/" + devId).then().statusCode(404);
        given().header("AUTHORIZATION", devToken).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void everyAccountPathAnswersOptions() {
        for (String path : new String[]{"/api/v1/session", "/api/v1/session/logout", "/api/v1/register",
                "/api/v1/register/abc", "/api/v1/register/approve-code", "/api/v1/forgot-password",
                "/api/v1/reset-password", "/api/v1/me", "/api/v1/admins", "/api/v1/billings/1",
                "/api/v1/developers/2"}) {
            given().options(path).then().statusCode(200).header("Allow", containsString("OPTIONS"))
                    .body("meta.params.indent", equalTo(0));
        }
        given().options("/api/v1/session").then().header("Allow", containsString("POST"));
    }

    @Test
    void bootstrapAdminIsAPlatformAdmin() {
        String token = Accounts.rootToken();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload).contains("\"platform_roles\":[\"platform-admin\"]");
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("content.email", equalTo("root@cumulus.test"));
    }
}
