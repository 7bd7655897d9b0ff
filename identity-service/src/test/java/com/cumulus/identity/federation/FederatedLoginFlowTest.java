package com.cumulus.identity.federation;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Federated sign-in end to end against a real external OpenID provider (mock-oauth2-server, started once on a
 * random port, non-interactive: its authorize endpoint redirects straight back with a code for the enqueued user).
 */
@QuarkusTest
class FederatedLoginFlowTest {

    static final String CLIENT = "cumulus-console";
    static final String REDIRECT = "http://localhost:9999/callback";
    static MockOAuth2Server upstream;

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Pool pool;

    @BeforeAll
    static void startUpstream() {
        upstream = new MockOAuth2Server();
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.shutdown();
    }

    static String issuer(String id) {
        String url = upstream.issuerUrl(id).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The next upstream login on {@code issuerId} is {@code subject} with these claims. */
    static void nextUpstreamUser(String issuerId, String subject, Map<String, Object> claims) {
        upstream.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, JOSEObjectType.JWT.getType(),
                null, claims, 3600));
    }

    /** A client's authorization request as a browser starts it: PKCE, nonce, state. */
    record Start(String verifier, String nonce, String state, String loginState, String html) {
    }

    Start authorize() throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String nonce = UUID.randomUUID().toString();
        String state = UUID.randomUUID().toString();
        String html = given().redirects().follow(false)
                .queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", "openid email profile")
                .queryParam("state", state).queryParam("nonce", nonce)
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .get("/oauth2/v2/authorization").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("<input name=\"state\" type=\"hidden\" value=\"([^\"]+)\">").matcher(html);
        assertThat(m.find()).as("the login page offers federated sign-in").isTrue();
        return new Start(verifier, nonce, state, m.group(1), html);
    }

    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String follow(String location, int status) {
        return given().redirects().follow(false).urlEncodingEnabled(false).get(location).then().statusCode(status)
                .extract().header("Location");
    }

    /** The upstream leg: our redirect to the provider, the provider's redirect back to {@code callbackPath}. */
    String throughUpstream(String toUpstream, String issuerId, String callbackPath) {
        assertThat(toUpstream).startsWith(issuer(issuerId) + "/authorize");
        Map<String, String> q = query(toUpstream);
        assertThat(q.get("redirect_uri")).isEqualTo("http://localhost:8081" + callbackPath);
        assertThat(q.get("code_challenge_method")).isEqualTo("S256");
        assertThat(q.get("nonce")).isNotBlank();
        assertThat(q.get("state")).isNotBlank();
        String back = follow(toUpstream, 302);
        assertThat(back).startsWith("http://localhost:8081" + callbackPath + "?");
        assertThat(query(back).get("state")).isEqualTo(q.get("state"));
        return back.replace("http://localhost:8081", base.toString().replaceAll("/$", ""));
    }

    Map<String, Object> exchange(Start start, String clientRedirect) {
        assertThat(clientRedirect).startsWith(REDIRECT + "?");
        Map<String, String> q = query(clientRedirect);
        assertThat(q.get("state")).isEqualTo(start.state());
        return given().formParam("grant_type", "authorization_code").formParam("client_id", CLIENT)
                .formParam("code", q.get("code")).formParam("redirect_uri", REDIRECT)
                .formParam("code_verifier", start.verifier())
                .post("/oauth2/v2/token").then().statusCode(200).extract().jsonPath().getMap("");
    }

    static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    void validIdToken(Map<String, Object> tokens, String nonce, String expectedSub) throws Exception {
        var claims = new IDTokenValidator(new Issuer("http://localhost:8081"), new ClientID(CLIENT), JWSAlgorithm.ES256,
                new URL(base, "/oauth2/v2/jwks")).validate(SignedJWT.parse((String) tokens.get("id_token")),
                new Nonce(nonce));
        assertThat(claims.getSubject().getValue()).isEqualTo(expectedSub);
    }

    void publishOrganization(String organizationId, String name, String domain) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/tenancy\","
                + "\"type\":\"com.cumulus.tenancy.organization.created.v1\",\"subject\":\"" + organizationId
                + "\",\"time\":\"" + OffsetDateTime.now() + "\",\"datacontenttype\":\"application/json\",\"data\":"
                + "{\"organizationId\":\"" + organizationId + "\",\"name\":\"" + name + "\",\"type\":\"adhoc\","
                + "\"state\":\"active\",\"paid\":false,\"emailDomain\":\"" + domain + "\"}}";
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("tenancy.events", null, organizationId, json,
                    List.of(new RecordHeader("content-type", "application/cloudevents+json".getBytes()))))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> pool
                .preparedQuery("select 1 from organization_directory where organization_id = $1 and email_domain = $2")
                .execute(Tuple.of(UUID.fromString(organizationId), domain)).await().atMost(Duration.ofSeconds(5))
                .size() == 1);
    }

    Row userRow(String email) {
        return pool.preparedQuery("select id, password_hash, first_name from app_user where email = $1")
                .execute(Tuple.of(email)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    @Test
    void emailDomainRoutesToTheOrganizationsProviderAndAFirstTimeUserJoinsAsDeveloper() throws Exception {
        Account admin = Accounts.register("fed");
        String domain = "corp-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        publishOrganization(admin.organizationId(), "Fed Org", domain);
        String issuerId = "corp-" + UUID.randomUUID().toString().substring(0, 6);
        String providerId = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(ProviderApiTest.body("corp-sso", issuer(issuerId), "cumulus-at-corp", "upstream-secret"))
                .post("/api/v1/organizations/" + admin.organizationId() + "/oauth2providers").then().statusCode(201)
                .extract().path("metadata.id");
        String email = "alice@" + domain;
        String upstreamSubject = "alice-" + UUID.randomUUID();

        // authorization -> login page -> POST /oauth2/v2/login (email domain) -> upstream -> /oidc/callback -> client
        Start start = authorize();
        String toUpstream = given().redirects().follow(false).formParam("state", start.loginState())
                .formParam("email", email).post("/oauth2/v2/login").then().statusCode(302).extract().header("Location");
        assertThat(query(toUpstream).get("client_id")).isEqualTo("cumulus-at-corp");
        assertThat(query(toUpstream).get("login_hint")).isEqualTo(email);
        nextUpstreamUser(issuerId, upstreamSubject, Map.of("email", email, "email_verified", true,
                "given_name", "Alice", "family_name", "Example"));
        String callback = throughUpstream(toUpstream, issuerId, "/oidc/callback");
        ExtractableResponse<Response> done = given().redirects().follow(false).urlEncodingEnabled(false).get(callback)
                .then().statusCode(302).extract();
        assertThat(done.cookie("cumulus_sso")).isNotBlank();
        Map<String, Object> tokens = exchange(start, done.header("Location"));

        Row user = userRow(email);
        String userId = user.getUUID("id").toString();
        assertThat(user.getString("password_hash")).isNull();
        assertThat(user.getString("first_name")).isEqualTo("Alice");
        String access = payload((String) tokens.get("access_token"));
        assertThat(access).contains("\"sub\":\"" + userId + "\"").contains("\"principal_type\":\"user\"")
                .contains("\"email\":\"" + email + "\"")
                .contains("\"" + admin.organizationId() + "\":[\"developer\"]");
        validIdToken(tokens, start.nonce(), userId);
        assertThat(pool.preparedQuery("select user_id from federated_identity where provider_id = $1 and subject = $2")
                .execute(Tuple.of(UUID.fromString(providerId), upstreamSubject)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getUUID("user_id").toString()).isEqualTo(userId);
        String created = Events.awaitEvent(bootstrap, "com.cumulus.identity.user.created.v1", userId);
        assertThat(created).contains("\"organizationId\":\"" + admin.organizationId() + "\"")
                .contains("\"role\":\"developer\"");

        // the second sign-in finds the same local user through the link (provider + upstream subject)
        Start again = authorize();
        String toUpstream2 = given().redirects().follow(false).formParam("state", again.loginState())
                .formParam("provider", providerId).post("/oauth2/v2/login").then().statusCode(302)
                .extract().header("Location");
        nextUpstreamUser(issuerId, upstreamSubject, Map.of("email", email, "email_verified", true));
        String back = follow(throughUpstream(toUpstream2, issuerId, "/oidc/callback"), 302);
        assertThat(payload((String) exchange(again, back).get("access_token"))).contains("\"sub\":\"" + userId + "\"");

        // the upstream refusing the login sends the user back to the client with access_denied
        Start refused = authorize();
        String toUpstream3 = given().redirects().follow(false).formParam("state", refused.loginState())
                .formParam("email", "bob@" + domain).post("/oauth2/v2/login").then().statusCode(302)
                .extract().header("Location");
        String denied = follow(base.toString().replaceAll("/$", "") + "/oidc/callback?error=access_denied&state="
                + query(toUpstream3).get("state"), 302);
        assertThat(denied).startsWith(REDIRECT + "?");
        assertThat(query(denied)).containsEntry("error", "access_denied").containsEntry("state", refused.state());
    }

    @Test
    void explicitSystemProviderChoiceOnboardsAFirstTimeUserAndRegistryLoginsCompleteAtOauth2Redirect()
            throws Exception {
        String root = "Bearer " + Accounts.rootToken();
        String issuerId = "sys-" + UUID.randomUUID().toString().substring(0, 6);
        String name = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        String providerId = given().header("Authorization", root).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", name, "description", "Example Cloud"),
                        "spec", Map.of("type", "google", "issuer", issuer(issuerId), "clientID", "cumulus-public")))
                .post("/api/v1/oauth2providers").then().statusCode(201).extract().path("metadata.id");
        String email = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@gmail.example";
        String subject = "carol-" + UUID.randomUUID();

        Start start = authorize();
        assertThat(start.html()).contains("value=\"" + providerId + "\"").contains("Sign in with Example Cloud");
        String toUpstream = given().redirects().follow(false).formParam("state", start.loginState())
                .formParam("provider", providerId).post("/oauth2/v2/login").then().statusCode(302)
                .extract().header("Location");
        nextUpstreamUser(issuerId, subject, Map.of("email", email, "email_verified", true));
        String callback = throughUpstream(toUpstream, issuerId, "/oidc/callback");
        // a first-time user without an organization is asked to create one
        String page = given().redirects().follow(false).urlEncodingEnabled(false).get(callback).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("/oauth2/v2/onboard"))
                .extract().asString();
        Matcher m = Pattern.compile("<input name=\"state\" type=\"hidden\" value=\"([^\"]+)\">").matcher(page);
        assertThat(m.find()).isTrue();
        String onboardState = m.group(1);

        given().redirects().follow(false).formParam("state", onboardState).formParam("group_name", "admins")
                .post("/oauth2/v2/onboard").then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("organization_name"));
        given().redirects().follow(false).formParam("state", "forged").formParam("organization_name", "X")
                .formParam("group_name", "admins").post("/oauth2/v2/onboard").then().statusCode(400)
                .body("field", equalTo("state"));
        String back = given().redirects().follow(false).formParam("state", onboardState)
                .formParam("organization_name", "Carol's Startup").formParam("group_name", "founders")
                .post("/oauth2/v2/onboard").then().statusCode(302).extract().header("Location");
        Map<String, Object> tokens = exchange(start, back);
        String userId = userRow(email).getUUID("id").toString();
        String access = payload((String) tokens.get("access_token"));
        String event = Events.awaitEvent(bootstrap, "com.cumulus.identity.onboarding.requested.v1", userId);
        assertThat(event).contains("\"organizationName\":\"Carol's Startup\"").contains("\"groupName\":\"founders\"")
                .contains("\"email\":\"" + email + "\"");
        String organizationId = event.replaceAll(".*\"organizationId\":\"([^\"]+)\".*", "$1");
        assertThat(access).contains("\"sub\":\"" + userId + "\"").contains("\"" + organizationId + "\":[\"admin\"]");
        // the onboarding state is single-use
        given().redirects().follow(false).formParam("state", onboardState).formParam("organization_name", "Again")
                .formParam("group_name", "g").post("/oauth2/v2/onboard").then().statusCode(400);

        // seed 002: the same provider as a user registry; the login completes at /oauth2/redirect (query and form)
        Start registry = authorize();
        String viaRegistry = given().redirects().follow(false).formParam("state", registry.loginState())
                .formParam("user_registry", name).post("/oauth2/v2/login").then().statusCode(302)
                .extract().header("Location");
        nextUpstreamUser(issuerId, subject, Map.of("email", email));
        String redirect = throughUpstream(viaRegistry, issuerId, "/oauth2/redirect");
        String toClient = follow(redirect, 302);
        assertThat(payload((String) exchange(registry, toClient).get("access_token"))).contains("\"sub\":\"" + userId + "\"");

        Start posted = authorize();
        String viaRegistry2 = given().redirects().follow(false).formParam("state", posted.loginState())
                .formParam("user_registry", name).post("/oauth2/v2/login").then().statusCode(302)
                .extract().header("Location");
        nextUpstreamUser(issuerId, subject, Map.of("email", email));
        Map<String, String> answer = query(throughUpstream(viaRegistry2, issuerId, "/oauth2/redirect"));
        String toClient2 = given().redirects().follow(false).formParam("code", answer.get("code"))
                .formParam("state", answer.get("state")).post("/oauth2/redirect").then().statusCode(302)
                .extract().header("Location");
        assertThat(payload((String) exchange(posted, toClient2).get("access_token"))).contains("\"sub\":\"" + userId + "\"");
        // a replayed callback is refused
        given().redirects().follow(false).formParam("code", answer.get("code")).formParam("state", answer.get("state"))
                .post("/oauth2/redirect").then().statusCode(400);
    }

    @Test
    void loginValidationAndUnknownState() throws Exception {
        Start start = authorize();
        given().redirects().follow(false).formParam("email", "x@example.test").post("/oauth2/v2/login").then()
                .statusCode(400).body("error", equalTo("invalid_request")).body("field", equalTo("state"));
        given().redirects().follow(false).formParam("state", start.loginState()).post("/oauth2/v2/login").then()
                .statusCode(400).body("field", equalTo("email"));
        given().redirects().follow(false).formParam("state", start.loginState())
                .formParam("provider", UUID.randomUUID().toString()).post("/oauth2/v2/login").then()
                .statusCode(400).body("field", equalTo("provider"));
        given().redirects().follow(false).formParam("state", start.loginState() + "x")
                .formParam("email", "x@example.test").post("/oauth2/v2/login").then()
                .statusCode(400).body("field", equalTo("state"));
        // a domain without single sign-on shows the login page again
        given().redirects().follow(false).formParam("state", start.loginState())
                .formParam("email", "nobody@no-sso.example").post("/oauth2/v2/login").then()
                .statusCode(401).body(containsString("Single sign-on is not set up"));
        given().redirects().follow(false).get("/oidc/callback?code=abc&state=unknown").then().statusCode(400)
                .contentType(containsString("text/html"));
        given().redirects().follow(false).get("/oauth2/redirect?code=abc&state=unknown").then().statusCode(400);
    }
}
