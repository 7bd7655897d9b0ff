package com.cumulus.gateway.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 2: sign in through the browser. A real browser (Debian's chromium driven by Playwright) runs the OIDC
 * authorization code flow with PKCE against identity's real login page, reached through the gateway; a real OIDC
 * client (Nimbus) discovers the provider, exchanges the code, validates the ID token, calls userinfo and an API,
 * refreshes, and a replayed (old) refresh token is refused.
 */
@ExtendWith(SuiteExtension.class)
class BrowserSignInStoryIT {

    /** The public PKCE client identity seeds at start ({@code cumulus.identity.local-client.*}). */
    static final ClientID CLIENT = new ClientID("cumulus-console");

    private HttpServer callbackServer;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();
    private Playwright playwright;
    private Browser browser;

    @BeforeEach
    void startClientAndBrowser() throws Exception {
        Suite suite = SuiteExtension.suite();
        // the client's loopback redirect endpoint (RFC 8252): records what the browser brings back
        callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", suite.callbackPort), 0);
        callbackServer.createContext("/callback", exchange -> {
            callback.complete(URI.create(suite.callbackUri() + "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body = "<html><body><h1 id=\"done\">Signed in</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callbackServer.start();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterEach
    void stopClientAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (callbackServer != null) {
            callbackServer.stop(0);
        }
    }

    @Test
    void authorizationCodeWithPkceInTheBrowserThenRefreshRotates() throws Exception {
        Suite suite = SuiteExtension.suite();
        Stories.Account account = Stories.register("browser", "Browser Story");

        // discovery through the gateway; the issuer is identity's configured issuer
        HTTPResponse discovery = new HTTPRequest(HTTPRequest.Method.GET,
                URI.create(suite.gateway() + "/.well-known/openid-configuration")).send();
        assertThat(discovery.getStatusCode()).isEqualTo(200);
        OIDCProviderMetadata provider = OIDCProviderMetadata.parse(discovery.getBodyAsJSONObject());
        Issuer issuer = provider.getIssuer();
        assertThat(issuer.getValue()).isEqualTo(suite.issuer());
        assertThat(provider.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
        URI authorizationEndpoint = viaGateway(provider.getAuthorizationEndpointURI());
        URI tokenEndpoint = viaGateway(provider.getTokenEndpointURI());
        URI userInfoEndpoint = viaGateway(provider.getUserInfoEndpointURI());
        URI jwksUri = viaGateway(provider.getJWKSetURI());

        URI redirectUri = URI.create(suite.callbackUri());
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
                CLIENT, redirectUri)
                .endpointURI(authorizationEndpoint)
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();

        // the browser: identity's login page through the gateway, a wrong password first, then the right one
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.navigate(authorize.toString());
        assertThat(page.title()).isEqualTo("Sign in to Cumulus");
        assertThat(page.url()).startsWith(suite.gateway());
        page.fill("#email", account.email());
        page.fill("#password", "not the password");
        page.click("button[type=submit]");
        page.waitForSelector("#error");
        assertThat(page.textContent("#error")).isNotBlank();
        assertThat(callback).isNotDone();

        page.fill("#email", account.email());
        page.fill("#password", account.password());
        page.click("button[type=submit]");
        URI returned = callback.get(Stories.EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
        page.waitForSelector("#done");

        AuthenticationResponse response = AuthenticationResponseParser.parse(returned);
        assertThat(response.indicatesSuccess()).as(returned.toString()).isTrue();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(state);
        assertThat(success.getIssuer()).isEqualTo(issuer);
        AuthorizationCode code = success.getAuthorizationCode();
        assertThat(code).isNotNull();

        // the client exchanges the code with its PKCE verifier (public client: no secret)
        TokenResponse exchanged = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, CLIENT,
                new AuthorizationCodeGrant(code, redirectUri, verifier)).toHTTPRequest().send());
        assertThat(exchanged.indicatesSuccess()).as(String.valueOf(exchanged)).isTrue();
        OIDCTokens tokens = ((OIDCTokenResponse) exchanged.toSuccessResponse()).getOIDCTokens();
        assertThat(tokens.getRefreshToken()).isNotNull();

        IDTokenValidator validator = new IDTokenValidator(issuer, CLIENT, JWSAlgorithm.ES256, jwksUri.toURL());
        IDTokenClaimsSet id = validator.validate(tokens.getIDToken(), nonce);
        assertThat(id.getSubject().getValue()).isEqualTo(account.userId());
        assertThat(id.getStringClaim("email")).isEqualTo(account.email());

        // a second login in the same browser: the SSO cookie signs in without the form
        State second = new State();
        CodeVerifier secondVerifier = new CodeVerifier();
        page.navigate(new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), CLIENT, redirectUri)
                .endpointURI(authorizationEndpoint).state(second).nonce(new Nonce())
                .codeChallenge(secondVerifier, CodeChallengeMethod.S256).build().toURI().toString());
        assertThat(page.url()).as("no login form the second time (%s)", page.title()).startsWith(suite.callbackUri());
        AuthenticationResponse sso = AuthenticationResponseParser.parse(URI.create(page.url()));
        assertThat(sso.indicatesSuccess()).isTrue();
        assertThat(sso.toSuccessResponse().getState()).isEqualTo(second);
        context.close();

        // userinfo, and the access token works against the APIs behind the gateway
        BearerAccessToken access = tokens.getBearerAccessToken();
        UserInfoResponse userInfo = UserInfoResponse.parse(
                new UserInfoRequest(userInfoEndpoint, access).toHTTPRequest().send());
        assertThat(userInfo.indicatesSuccess()).isTrue();
        UserInfo info = userInfo.toSuccessResponse().getUserInfo();
        assertThat(info.getSubject().getValue()).isEqualTo(account.userId());
        assertThat(info.getEmailAddress()).isEqualTo(account.email());
        given().header("Authorization", Stories.bearer(access.getValue())).when().get("/api/v1/me")
                .then().statusCode(200);
        assertThat(given().header("Authorization", Stories.bearer(access.getValue())).get("/api/v1/me")
                .<String>path("content.email")).isEqualTo(account.email());

        // refresh: a new access token and a new (rotated) refresh token
        RefreshToken first = tokens.getRefreshToken();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, CLIENT,
                new RefreshTokenGrant(first)).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
        OIDCTokens renewed = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens();
        assertThat(renewed.getRefreshToken()).isNotNull().isNotEqualTo(first);
        assertThat(renewed.getAccessToken().getValue()).isNotEqualTo(access.getValue());
        JWT renewedAccess = com.nimbusds.jwt.JWTParser.parse(renewed.getAccessToken().getValue());
        assertThat(renewedAccess.getJWTClaimsSet().getSubject()).isEqualTo(account.userId());
        UserInfoResponse renewedInfo = UserInfoResponse.parse(
                new UserInfoRequest(userInfoEndpoint, renewed.getBearerAccessToken()).toHTTPRequest().send());
        assertThat(renewedInfo.indicatesSuccess()).isTrue();

        // the old refresh token is refused (and its reuse ends the session: the rotated one dies too)
        TokenResponse replayed = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, CLIENT,
                new RefreshTokenGrant(first)).toHTTPRequest().send());
        assertThat(replayed.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) replayed).getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenResponse afterReuse = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, CLIENT,
                new RefreshTokenGrant(renewed.getRefreshToken())).toHTTPRequest().send());
        assertThat(afterReuse.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterReuse).getErrorObject().getCode()).isEqualTo("invalid_grant");
        // the session is over: its access token is refused (identity checks the session; the gateway hears session.revoked)
        Stories.eventuallyStatus(() -> given().header("Authorization", Stories.bearer(renewed.getAccessToken().getValue()))
                .get("/api/v1/me"), 401);

        // the first code a second time is refused (a replayed code would also end the session it created)
        TokenResponse replayedCode = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint, CLIENT,
                new AuthorizationCodeGrant(code, redirectUri, verifier)).toHTTPRequest().send());
        assertThat(replayedCode.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) replayedCode).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    /** The suite's issuer is identity's own URL; a client outside reaches every endpoint at the same path on the gateway. */
    private static URI viaGateway(URI endpoint) {
        assertThat(endpoint).as("endpoint missing from discovery").isNotNull();
        URI gateway = URI.create(SuiteExtension.suite().gateway());
        return gateway.resolve(endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery()));
    }
}
