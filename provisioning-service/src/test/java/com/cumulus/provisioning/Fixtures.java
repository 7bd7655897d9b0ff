package com.cumulus.provisioning;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.provisioning.service.domain.ManagedService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Shared helpers of the module's tests: tokens, requests, database reads and the fake tenancy's admin calls. */
public final class Fixtures {

    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Fixtures() {
    }

    public static String newOrg() {
        return UUID.randomUUID().toString();
    }

    public static String token(String org, String... roles) {
        return TestTokens.newUser().member(org, roles).bearer();
    }

    public static Map<String, Object> body(String name) {
        return Map.of("name", name, "provider", "aws", "region", "eu-west-1", "tier", "production");
    }

    /** Creates a service through the API and returns its id. */
    public static String create(String org, String bearer, Map<String, Object> body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post("/v1/organizations/{org}/services", org)
                .then().statusCode(200).extract().path("result.service.id");
    }

    public static String createRunning(String org, String bearer, String name) {
        String id = create(org, bearer, body(name));
        awaitState(id, "running");
        return id;
    }

    public static ManagedService service(String id) {
        return onVertx(() -> Panache.withSession(() -> ManagedService.<ManagedService>findById(UUID.fromString(id))));
    }

    public static void awaitState(String id, String state) {
        await().atMost(WAIT).until(() -> {
            ManagedService s = service(id);
            return s != null && state.equals(s.state);
        });
    }

    public static long servicesOf(String org) {
        return onVertx(() -> Panache.withSession(() -> ManagedService.count("organizationId", org)));
    }

    public static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // ----- fake tenancy

    public static void quotaLimit(String org, int limit) {
        tenancy("POST", "/admin/limit/" + org + "/" + limit);
    }

    public static void tenancyFails(String org) {
        tenancy("POST", "/admin/fail/" + org);
    }

    public static int reservations(String org) {
        return Integer.parseInt(tenancy("GET", "/admin/reservations/" + org));
    }

    private static String tenancy(String method, String path) {
        String base = ConfigProvider.getConfig().getValue("cumulus.test.tenancy.url", String.class);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
