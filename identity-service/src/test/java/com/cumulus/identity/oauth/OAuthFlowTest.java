package com.cumulus.identity.oauth;

import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class OAuthFlowTest {

    static final String CLIENT = "cumulus-console";
    static final URI REDIRECT = URI.create("http://localhost:9999/callback");
    static final Issuer ISSUER = new Issuer("http://localhost:8081");

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    URI endpoint(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    /** What a browser session ends with: the code, the verifier, the nonce and the SSO cookie. */
    record Login(AuthorizationCode code, CodeVerifier verifier, Nonce nonce, String cookie) {
    }

    Login browserLogin(String email, String password) throws Exception {
        return browserLogin(CLIENT, email, password);
    }

    Login browserLogin(String client, String email, String password) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid", "email", "profile"), new ClientID(client), REDIRECT)
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .loginHint(email)
                .endpointURI(endpoint("/oauth2/v2/authorization")).build();
        String html = given().urlEncodingEnabled(false).redirects().follow(false).get(request.toURI()).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<form").contains("value=\"" + email + "\"");
        Map<String, String> form = hiddenFields(html);
        form.put("email", email);
        form.put("password", password);
        ExtractableResponse<Response> posted = given().redirects().follow(false).formParams(form)
                .post("/oauth2/v2/authorization").then().statusCode(302).extract();
        AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(posted.header("Location")));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        return new Login(response.toSuccessResponse().getAuthorizationCode(), verifier, nonce,
                posted.cookie("cumulus_sso"));
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""));
        }
        return out;
    }

    OIDCTokenResponse exchange(Login login) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientID(CLIENT), new AuthorizationCodeGrant(login.code(), REDIRECT, login.verifier()))
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    IDTokenValidator validator() throws Exception {
        return new IDTokenValidator(ISSUER, new ClientID(CLIENT), JWSAlgorithm.ES256,
                endpoint("/oauth2/v2/jwks").toURL());
    }

    int userinfoStatus(AccessToken token) throws Exception {
        return new UserInfoRequest(endpoint("/oauth2/v2/userinfo"), (BearerAccessToken) token).toHTTPRequest().send()
                .getStatusCode();
    }

    @Test
    void discoveryParsesWithNimbus() throws Exception {
        String json = given().get("/.well-known/openid-configuration").then().statusCode(200).extract().asString();
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(json);
        assertThat(metadata.getIssuer()).isEqualTo(ISSUER);
        assertThat(metadata.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
        assertThat(metadata.getIDTokenJWSAlgs()).contains(JWSAlgorithm.ES256);
        assertThat(metadata.getRevocationEndpointURI()).isNotNull();
        assertThat(metadata.getIntrospectionEndpointURI()).isNotNull();
    }

    @Test
    void codeFlowWithPkceIssuesValidatedIdTokenAccessAndRefreshTokens() throws Exception {
        Account account = Accounts.register("oidc");
        Login login = browserLogin(account.email(), Accounts.PASSWORD);
        OIDCTokenResponse tokens = exchange(login);
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims = validator().validate(idToken, login.nonce());
        assertThat(claims.getSubject().getValue()).isEqualTo(account.userId());
        assertThat(claims.getAuthenticationTime()).isNotNull();
        AccessToken access = tokens.getOIDCTokens().getAccessToken();
        assertThat(claims.getAccessTokenHash())
                .isEqualTo(AccessTokenHash.compute(access, JWSAlgorithm.ES256, null));
        assertThat(JWTParser.parse(access.getValue()).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(CLIENT);

        UserInfoResponse userinfo = UserInfoResponse.parse(new UserInfoRequest(endpoint("/oauth2/v2/userinfo"),
                (BearerAccessToken) access).toHTTPRequest().send());
        assertThat(userinfo.indicatesSuccess()).isTrue();
        assertThat(userinfo.toSuccessResponse().getUserInfo().getEmailAddress()).isEqualTo(account.email());
        given().formParam("access_token", access.getValue()).post("/oauth2/v2/userinfo").then().statusCode(200)
                .body("sub", org.hamcrest.Matchers.equalTo(account.userId()));
        given().get("/oauth2/v2/userinfo").then().statusCode(401).body("error", org.hamcrest.Matchers.equalTo("invalid_token"));

        // the token also authenticates identity's own API
        given().header("Authorization", "Bearer " + access.getValue()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void reusedCodeIsRejectedAndRevokesWhatItIssued() throws Exception {
        Account account = Accounts.register("replay");
        Login login = browserLogin(account.email(), Accounts.PASSWORD);
        OIDCTokenResponse first = exchange(login);
        TokenResponse second = OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientID(CLIENT), new AuthorizationCodeGrant(login.code(), REDIRECT, login.verifier()))
                .toHTTPRequest().send());
        assertThat(second.indicatesSuccess()).isFalse();
        assertThat(second.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(second.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(userinfoStatus(first.getOIDCTokens().getAccessToken())).isEqualTo(401);
        String sid = JWTParser.parse(first.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet()
                .getStringClaim("sid");
        assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.session.revoked.v1", sid)).contains("tokenIds");
    }

    @Test
    void wrongVerifierOrRedirectIsInvalidGrant() throws Exception {
        Account account = Accounts.register("pkce");
        Login login = browserLogin(account.email(), Accounts.PASSWORD);
        TokenResponse bad = TokenResponse.parse(new TokenRequest(endpoint("/oauth2/v2/token"), new ClientID(CLIENT),
                new AuthorizationCodeGrant(login.code(), REDIRECT, new CodeVerifier())).toHTTPRequest().send());
        assertThat(bad.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshTokensRotateAndReuseRevokesTheSession() throws Exception {
        Account account = Accounts.register("refresh");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        RefreshToken original = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientID(CLIENT), new RefreshTokenGrant(original)).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        OIDCTokenResponse second = (OIDCTokenResponse) refreshed.toSuccessResponse();
        assertThat(second.getOIDCTokens().getRefreshToken()).isNotEqualTo(original);
        validator().validate(second.getOIDCTokens().getIDToken(), null);
        assertThat(userinfoStatus(second.getOIDCTokens().getAccessToken())).isEqualTo(200);

        TokenResponse reuse = TokenResponse.parse(new TokenRequest(endpoint("/oauth2/v2/token"), new ClientID(CLIENT),
                new RefreshTokenGrant(original)).toHTTPRequest().send());
        assertThat(reuse.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        // the whole session is gone: the newest tokens too
        assertThat(userinfoStatus(second.getOIDCTokens().getAccessToken())).isEqualTo(401);
        TokenResponse after = TokenResponse.parse(new TokenRequest(endpoint("/oauth2/v2/token"), new ClientID(CLIENT),
                new RefreshTokenGrant(second.getOIDCTokens().getRefreshToken())).toHTTPRequest().send());
        assertThat(after.indicatesSuccess()).isFalse();
    }

    // ---- refresh_token grant on the reactive pool (RefreshRotation): every branch ----

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    TokenResponse refresh(RefreshToken token) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"), new ClientID(CLIENT),
                new RefreshTokenGrant(token)).toHTTPRequest().send());
    }

    void sql(String statement, Object... args) {
        pool.preparedQuery(statement).execute(io.vertx.mutiny.sqlclient.Tuple.from(args)).await().indefinitely();
    }

    static String hash(RefreshToken token) {
        return com.cumulus.identity.token.Secrets.sha256Hex(token.getValue());
    }

    @Test
    void refreshedTokensCarryTheUsersOwnOrganizationOnlyAndTheIdTokenValidates() throws Exception {
        Account account = Accounts.register("refresh-orgs");
        Account other = Accounts.register("refresh-orgs-other");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        String sid = JWTParser.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet()
                .getStringClaim("sid");
        TokenResponse refreshed = refresh(tokens.getOIDCTokens().getRefreshToken());
        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
        OIDCTokenResponse next = (OIDCTokenResponse) refreshed.toSuccessResponse();
        var claims = JWTParser.parse(next.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(account.userId());
        assertThat(claims.getStringClaim("principal_type")).isEqualTo("user");
        assertThat(claims.getStringClaim("sid")).isEqualTo(sid);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(CLIENT);
        assertThat(claims.getStringClaim("email")).isEqualTo(account.email());
        assertThat(claims.getJSONObjectClaim("orgs")).containsOnlyKeys(account.organizationId())
                .doesNotContainKey(other.organizationId());
        assertThat(String.valueOf(claims.getJSONObjectClaim("orgs").get(account.organizationId())))
                .isEqualTo("[admin]");
        assertThat(claims.getStringListClaim("platform_roles")).isEmpty();
        IDTokenClaimsSet id = validator().validate(next.getOIDCTokens().getIDToken(), null);
        assertThat(id.getSubject().getValue()).isEqualTo(account.userId());
        assertThat(id.getStringClaim("sid")).isEqualTo(sid);
        assertThat(id.getNonce()).isNull();
        assertThat(userinfoStatus(next.getOIDCTokens().getAccessToken())).isEqualTo(200);
        // the refresh token of one client is unknown to another (and stays usable by its own client)
        TokenResponse foreign = TokenResponse.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientSecretBasic(new ClientID("test-service"), new Secret("test-service-secret")),
                new RefreshTokenGrant(next.getOIDCTokens().getRefreshToken())).toHTTPRequest().send());
        assertThat(foreign.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        // a wrong client secret is invalid_client, an unknown client too
        HTTPResponse wrongSecret = new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientSecretBasic(new ClientID("test-service"), new Secret("nope")),
                new RefreshTokenGrant(next.getOIDCTokens().getRefreshToken())).toHTTPRequest().send();
        assertThat(wrongSecret.getStatusCode()).isEqualTo(401);
        given().formParam("grant_type", "refresh_token").formParam("client_id", "no-such-client")
                .formParam("refresh_token", next.getOIDCTokens().getRefreshToken().getValue())
                .post("/oauth2/v2/token").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_client"));
        given().formParam("grant_type", "refresh_token").formParam("client_id", CLIENT)
                .formParam("refresh_token", "not-a-refresh-token")
                .post("/oauth2/v2/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        assertThat(refresh(next.getOIDCTokens().getRefreshToken()).indicatesSuccess()).isTrue();
    }

    @Test
    void expiredRefreshTokenIsRefusedAndTheSessionLives() throws Exception {
        Account account = Accounts.register("refresh-expired");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        RefreshToken token = tokens.getOIDCTokens().getRefreshToken();
        sql("update refresh_token set expires_at = now() - interval '1 second' where token_hash = $1", hash(token));
        TokenResponse expired = refresh(token);
        assertThat(expired.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(expired.toErrorResponse().getErrorObject().getDescription()).contains("expired");
        assertThat(userinfoStatus(tokens.getOIDCTokens().getAccessToken())).isEqualTo(200);
    }

    @Test
    void refreshTokenOfAnEndedSessionIsRefusedAndMarkedUsed() throws Exception {
        Account account = Accounts.register("refresh-ended");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        RefreshToken token = tokens.getOIDCTokens().getRefreshToken();
        String sid = JWTParser.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet()
                .getStringClaim("sid");
        sql("update user_session set expires_at = now() - interval '1 second' where id = $1",
                java.util.UUID.fromString(sid));
        TokenResponse ended = refresh(token);
        assertThat(ended.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(ended.toErrorResponse().getErrorObject().getDescription()).contains("session ended");
        var used = pool.preparedQuery("select used_at from refresh_token where token_hash = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(hash(token))).await().indefinitely();
        assertThat(used.iterator().next().getValue("used_at")).isNotNull();
    }

    @Test
    void reuseRevokesTheSessionAndPublishesItsTokenIds() throws Exception {
        Account account = Accounts.register("refresh-reuse-event");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        RefreshToken original = tokens.getOIDCTokens().getRefreshToken();
        OIDCTokenResponse second = (OIDCTokenResponse) refresh(original).toSuccessResponse();
        var claims = JWTParser.parse(second.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertThat(refresh(original).indicatesSuccess()).isFalse();
        String event = Events.awaitEvent(bootstrap, "com.cumulus.identity.session.revoked.v1",
                claims.getStringClaim("sid"));
        assertThat(event).contains(claims.getJWTID()).contains(account.userId());
        assertThat(userinfoStatus(second.getOIDCTokens().getAccessToken())).isEqualTo(401);
    }

    @Test
    void concurrentUsesOfOneRefreshTokenNeverBothSucceed() throws Exception {
        Account account = Accounts.register("refresh-race");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        RefreshToken token = tokens.getOIDCTokens().getRefreshToken();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = pool.invokeAll(java.util.List.<java.util.concurrent.Callable<Boolean>>of(
                    () -> refresh(token).indicatesSuccess(), () -> refresh(token).indicatesSuccess(),
                    () -> refresh(token).indicatesSuccess(), () -> refresh(token).indicatesSuccess()));
            long ok = 0;
            for (var r : results) {
                ok += r.get() ? 1 : 0;
            }
            assertThat(ok).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void clientCredentialsWithBasicAndPostAuthentication() throws Exception {
        ClientID id = new ClientID("test-service");
        Secret secret = new Secret("test-service-secret");
        for (var auth : new com.nimbusds.oauth2.sdk.auth.ClientAuthentication[]{new ClientSecretBasic(id, secret),
                new ClientSecretPost(id, secret)}) {
            TokenResponse response = TokenResponse.parse(new TokenRequest(endpoint("/oauth2/v2/token"), auth,
                    new ClientCredentialsGrant(), new Scope("services.read")).toHTTPRequest().send());
            assertThat(response.indicatesSuccess()).isTrue();
            AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
            var claims = JWTParser.parse(token.getValue()).getJWTClaimsSet();
            assertThat(claims.getStringClaim("principal_type")).isEqualTo("client");
            assertThat(claims.getSubject()).isEqualTo("test-service");
            assertThat(claims.getAudience()).contains("cumulus");
            assertThat(claims.getStringClaim("scope")).isEqualTo("services.read");
        }
        HTTPResponse wrong = new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientSecretBasic(id, new Secret("nope")), new ClientCredentialsGrant()).toHTTPRequest().send();
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(wrong.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
        assertThat(TokenErrorResponse.parse(wrong).getErrorObject().getCode()).isEqualTo("invalid_client");
        // a public client cannot use client_credentials
        given().formParam("grant_type", "client_credentials").formParam("client_id", CLIENT)
                .formParam("client_secret", "x").post("/oauth2/v2/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("unauthorized_client"));
        given().formParam("grant_type", "password").formParam("client_id", CLIENT)
                .post("/oauth2/v2/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("unsupported_grant_type"));
        given().formParam("client_id", CLIENT).post("/oauth2/v2/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_request"));
    }

    @Test
    void revocationAndIntrospection() throws Exception {
        Account account = Accounts.register("revoke");
        OIDCTokenResponse tokens = exchange(browserLogin(account.email(), Accounts.PASSWORD));
        ClientSecretBasic service = new ClientSecretBasic(new ClientID("test-service"), new Secret("test-service-secret"));
        AccessToken access = tokens.getOIDCTokens().getAccessToken();
        TokenIntrospectionResponse active = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                endpoint("/oauth2/v2/introspect"), service, access).toHTTPRequest().send());
        assertThat(active.toSuccessResponse().isActive()).isTrue();
        assertThat(active.toSuccessResponse().getSubject().getValue()).isEqualTo(account.userId());
        TokenIntrospectionResponse refresh = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                endpoint("/oauth2/v2/introspect"), service, tokens.getOIDCTokens().getRefreshToken())
                .toHTTPRequest().send());
        assertThat(refresh.toSuccessResponse().isActive()).isTrue();
        // introspection needs an authenticated confidential client
        given().formParam("token", access.getValue()).formParam("client_id", CLIENT)
                .post("/oauth2/v2/introspect").then().statusCode(401);

        HTTPResponse revoked = new TokenRevocationRequest(endpoint("/oauth2/v2/revoke"), new ClientID(CLIENT),
                tokens.getOIDCTokens().getRefreshToken()).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        TokenIntrospectionResponse inactive = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                endpoint("/oauth2/v2/introspect"), service, access).toHTTPRequest().send());
        assertThat(inactive.toSuccessResponse().isActive()).isFalse();
        assertThat(userinfoStatus(access)).isEqualTo(401);
        // unknown tokens are fine to revoke (RFC 7009)
        given().formParam("token", "garbage").formParam("client_id", CLIENT).post("/oauth2/v2/revoke").then()
                .statusCode(200);
    }

    @Test
    void ssoCookieSkipsTheFormUnlessPromptLoginOrMaxAgeDemandIt() throws Exception {
        Account account = Accounts.register("sso");
        Login login = browserLogin(account.email(), Accounts.PASSWORD);
        assertThat(login.cookie()).isNotBlank();
        String challenge = new CodeVerifier().getValue();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", CLIENT);
        q.put("redirect_uri", REDIRECT.toString());
        q.put("scope", "openid");
        q.put("state", "s1");
        q.put("code_challenge", com.cumulus.identity.token.Secrets.s256(challenge));
        q.put("code_challenge_method", "S256");
        String location = given().redirects().follow(false).cookie("cumulus_sso", login.cookie()).queryParams(q)
                .get("/oauth2/v2/authorization").then().statusCode(302).extract().header("Location");
        assertThat(location).startsWith(REDIRECT + "?code=").contains("state=s1");

        Map<String, String> forced = new LinkedHashMap<>(q);
        forced.put("prompt", "login");
        given().redirects().follow(false).cookie("cumulus_sso", login.cookie()).queryParams(forced)
                .get("/oauth2/v2/authorization").then().statusCode(200).body(containsString("<form"));
        Map<String, String> maxAge = new LinkedHashMap<>(q);
        maxAge.put("max_age", "0");
        given().redirects().follow(false).cookie("cumulus_sso", login.cookie()).queryParams(maxAge)
                .get("/oauth2/v2/authorization").then().statusCode(200).body(containsString("<form"));
        Map<String, String> none = new LinkedHashMap<>(q);
        none.put("prompt", "none");
        given().redirects().follow(false).queryParams(none).get("/oauth2/v2/authorization").then().statusCode(302)
                .header("Location", containsString("error=login_required"))
                .header("Location", containsString("state=s1"));
    }

    @Test
    void badRequestsGoBackToTheClientOrToAnErrorPage() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", CLIENT);
        q.put("redirect_uri", "http://evil.example/cb");
        q.put("state", "s");
        given().redirects().follow(false).queryParams(q).get("/oauth2/v2/authorization").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("redirect_uri"));
        q.put("client_id", "no-such-client");
        given().redirects().follow(false).queryParams(q).get("/oauth2/v2/authorization").then().statusCode(400)
                .body(containsString("unknown client"));
        q.put("client_id", CLIENT);
        q.put("redirect_uri", REDIRECT.toString());
        // public client without PKCE
        given().redirects().follow(false).queryParams(q).get("/oauth2/v2/authorization").then().statusCode(302)
                .header("Location", containsString("error=invalid_request"))
                .header("Location", containsString("state=s"));
        q.put("response_type", "token");
        given().redirects().follow(false).queryParams(q).get("/oauth2/v2/authorization").then().statusCode(302)
                .header("Location", containsString("error=unsupported_response_type"));
    }

    @Test
    void wrongPasswordOnTheLoginPageShowsTheFormAgain() throws Exception {
        Account account = Accounts.register("badpw");
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid"), new ClientID(CLIENT), REDIRECT).state(new State()).nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .endpointURI(endpoint("/oauth2/v2/authorization")).build();
        String html = given().urlEncodingEnabled(false).get(request.toURI()).then().statusCode(200).extract().asString();
        Map<String, String> form = hiddenFields(html);
        form.put("email", account.email());
        form.put("password", "wrong");
        given().redirects().follow(false).formParams(form).post("/oauth2/v2/authorization").then().statusCode(401)
                .body(containsString("Invalid email or password"));
    }

    @Test
    void idTokensSignedBeforeARotationStillValidateAgainstTheJwks() throws Exception {
        Account account = Accounts.register("rotate");
        Login login = browserLogin(account.email(), Accounts.PASSWORD);
        OIDCTokenResponse before = exchange(login);
        given().header("Authorization", "Bearer " + Accounts.rootToken()).post("/internal/signing-keys/rotate")
                .then().statusCode(200);
        IDTokenValidator fresh = validator();
        fresh.validate(before.getOIDCTokens().getIDToken(), login.nonce());
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientID(CLIENT), new RefreshTokenGrant(before.getOIDCTokens().getRefreshToken()))
                .toHTTPRequest().send());
        JWT after = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens().getIDToken();
        fresh.validate(after, null);
        assertThat(((com.nimbusds.jwt.SignedJWT) after).getHeader().getKeyID())
                .isNotEqualTo(((com.nimbusds.jwt.SignedJWT) before.getOIDCTokens().getIDToken()).getHeader().getKeyID());
    }

    @Test
    void aClientRegisteredForRs256GetsRs256IdTokensWhileAccessTokensStayEs256() throws Exception {
        Account account = Accounts.register("rsa");
        // test-service is configured with id-token-signed-response-alg=RS256 (application.properties, %test)
        Login login = browserLogin("test-service", account.email(), Accounts.PASSWORD);
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(endpoint("/oauth2/v2/token"),
                new ClientSecretBasic(new ClientID("test-service"), new Secret("test-service-secret")),
                new AuthorizationCodeGrant(login.code(), REDIRECT, login.verifier())).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        com.nimbusds.jwt.SignedJWT idToken = (com.nimbusds.jwt.SignedJWT) tokens.getOIDCTokens().getIDToken();
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        IDTokenClaimsSet claims = new IDTokenValidator(ISSUER, new ClientID("test-service"), JWSAlgorithm.RS256,
                endpoint("/oauth2/v2/jwks").toURL()).validate(idToken, login.nonce());
        assertThat(claims.getSubject().getValue()).isEqualTo(account.userId());
        com.nimbusds.jwt.SignedJWT access = com.nimbusds.jwt.SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue());
        assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        // the ES256 client keeps ES256 ID tokens
        Login es = browserLogin(account.email(), Accounts.PASSWORD);
        assertThat(((com.nimbusds.jwt.SignedJWT) exchange(es).getOIDCTokens().getIDToken()).getHeader().getAlgorithm())
                .isEqualTo(JWSAlgorithm.ES256);
    }
}
