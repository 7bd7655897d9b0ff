package com.cumulus.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Trivial upstreams: each answers every request with JSON describing what it received (method, URI, headers,
 * body size), after {@code X-Echo-Delay-Ms} if given, and serves a small OpenAPI document at /q/openapi.
 * Upstream "a" stands in for identity and tenancy, "b" for catalog; provisioning stays on a closed port.
 */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    private HttpServer a;
    private HttpServer b;

    @Override
    public Map<String, String> start() {
        a = echo("a", "{\"/oauth2/v2/userinfo\":{\"get\":{\"operationId\":\"userinfo\"}},"
                + "\"/api/v1/projects\":{\"get\":{\"operationId\":\"listProjects\","
                + "\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":"
                + "{\"$ref\":\"#/components/schemas/Project\"}}}}}}},"
                + "\"/internal/organizations/{id}/quota-reservations\":{\"post\":{}}}",
                "{\"Project\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}");
        b = echo("b", "{\"/products\":{\"get\":{\"operationId\":\"listProducts\","
                + "\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":"
                + "{\"$ref\":\"#/components/schemas/Project\"}}}}}}}}",
                "{\"Project\":{\"type\":\"object\",\"properties\":{\"template\":{\"type\":\"string\"}}}}");
        String urlA = "http://localhost:" + a.getAddress().getPort();
        String urlB = "http://localhost:" + b.getAddress().getPort();
        return Map.of("cumulus.gateway.identity-url", urlA,
                "cumulus.gateway.tenancy-url", urlA,
                "cumulus.gateway.catalog-url", urlB);
    }

    private static HttpServer echo(String name, String paths, String schemas) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            String openapi = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"" + name + "\",\"version\":\"1\"},"
                    + "\"paths\":" + paths + ",\"components\":{\"schemas\":" + schemas + "}}";
            server.createContext("/q/openapi", exchange -> reply(exchange, 200, openapi));
            server.createContext("/", exchange -> {
                String delay = exchange.getRequestHeaders().getFirst("X-Echo-Delay-Ms");
                if (delay != null) {
                    try {
                        Thread.sleep(Long.parseLong(delay));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int size = exchange.getRequestBody().readAllBytes().length;
                String headers = exchange.getRequestHeaders().entrySet().stream()
                        .map(h -> quote(h.getKey().toLowerCase(Locale.ROOT)) + ":" + quote(String.join(",",
                                h.getValue())))
                        .collect(Collectors.joining(","));
                reply(exchange, 200, "{\"upstream\":" + quote(name) + ",\"method\":"
                        + quote(exchange.getRequestMethod()) + ",\"uri\":" + quote(exchange.getRequestURI()
                        .toString()) + ",\"bodySize\":" + size + ",\"headers\":{" + headers + "}}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.getResponseHeaders().put("X-Request-Id", List.of("upstream-must-not-win"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the gateway gave up waiting (timeout tests)
        }
    }

    @Override
    public void stop() {
        if (a != null) {
            a.stop(0);
        }
        if (b != null) {
            b.stop(0);
        }
    }
}
