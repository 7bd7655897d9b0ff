package com.cumulus.tenancy.billing;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Seed 002 billing profile and payment methods (no card data stored or returned). */
@QuarkusTest
class BillingResourceTest {

    final TestTokens alice = TestTokens.newUser();
    final TestTokens mallory = TestTokens.newUser();

    @Test
    void paymentMethodsKeepOnlyTheProviderTokenAndLastFour() {
        String org = Fixtures.organization(alice);
        String pm = UUID.randomUUID().toString();
        String path = "/orgs/" + org + "/payment-methods/" + pm;
        String body = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Company card", "provider", "stripe", "provider_token", "tok_secret_123", "last_four", "4242"))
                .patch(path).then().statusCode(200).body("type", equalTo("payment_method"))
                .body("last_four", equalTo("4242")).extract().asString();
        assertThat(body).doesNotContain("tok_secret_123");
        given().header("Authorization", alice.bearer()).get(path).then().statusCode(200)
                .body("title", equalTo("Company card")).body(not(containsString("tok_secret")));
        given().header("Authorization", alice.bearer()).get("/orgs/" + org + "/billings/" + org).then().statusCode(200)
                .body("type", equalTo("billing")).body("payment_method_urls", equalTo(List.of(path)));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("provider_token", "tok", "card_number", "4242424242424242")).patch(path)
                .then().statusCode(400).body("field", equalTo("card_number"));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("last_four", "42")).patch(path).then().statusCode(400).body("field", equalTo("last_four"));
        given().header("Authorization", alice.bearer()).get(path).then().body("last_four", equalTo("4242"));
        Fixtures.organization(mallory);
        given().header("Authorization", mallory.bearer()).get(path).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch(path).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/orgs/" + org + "/billings/" + org).then().statusCode(404);
    }
}
