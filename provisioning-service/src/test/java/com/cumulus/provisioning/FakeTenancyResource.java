package com.cumulus.provisioning;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real HTTP server implementing tenancy's internal quota contract (CONTRACTS.md), so the REST client, its
 * timeouts and its error mapping are exercised over the wire. Tests steer it through {@code /admin/...}:
 * {@code POST /admin/limit/{org}/{n}}, {@code POST /admin/fail/{org}}, {@code GET /admin/reservations/{org}};
 * {@link FakeTenancyQuotaEvents} plays tenancy's event side through {@code /admin/system-reserve|system-release}.
 */
public class FakeTenancyResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern RESERVE = Pattern.compile("/internal/organizations/([^/]+)/quota-reservations");
    private static final Pattern RELEASE = Pattern.compile("/internal/organizations/([^/]+)/quota-reservations/([^/]+)");
    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, Set<String>> reservations = new HashMap<>();
    private final Map<String, Integer> limits = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        // the JDK server leaves Nagle's algorithm on by default: with delayed ACKs every answer could wait ~40 ms, and
        // without an executor one thread serves everything; a real tenancy (Vert.x) has neither limit
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 256);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.tenancy.url", url, "cumulus.test.tenancy.url", url);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] parts = path.split("/");
        if (path.startsWith("/admin/limit/") && parts.length == 5) {
            limits.put(parts[3], Integer.parseInt(parts[4]));
            send(exchange, 204, null);
            return;
        }
        if (path.startsWith("/admin/fail/") && parts.length == 4) {
            failing.add(parts[3]);
            send(exchange, 204, null);
            return;
        }
        if (path.startsWith("/admin/system-reserve/") && parts.length == 5) {
            // tenancy's event-driven reservation (no caller): what it does on service.quota-requested
            Set<String> held = reservations.computeIfAbsent(parts[3], k -> new HashSet<>());
            if (!held.contains(parts[4]) && held.size() >= limits.getOrDefault(parts[3], 20)) {
                send(exchange, 409, "{\"error\":\"quota exceeded\"}");
                return;
            }
            held.add(parts[4]);
            send(exchange, 201, "{}");
            return;
        }
        if (path.startsWith("/admin/system-release/") && parts.length == 5) {
            // what tenancy does on service.deleted
            reservations.getOrDefault(parts[3], new HashSet<>()).remove(parts[4]);
            send(exchange, 204, null);
            return;
        }
        if (path.startsWith("/admin/reservations/") && parts.length == 4) {
            send(exchange, 200, String.valueOf(reservations.getOrDefault(parts[3], Set.of()).size()));
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        Matcher reserve = RESERVE.matcher(path);
        Matcher release = RELEASE.matcher(path);
        if (reserve.matches() && method.equals("POST")) {
            String org = reserve.group(1);
            if (failing.contains(org)) {
                send(exchange, 500, "{\"error\":\"boom\"}");
                return;
            }
            if (!isMember(authorization, org)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            Matcher ref = REFERENCE.matcher(body);
            String reference = ref.find() ? ref.group(1) : UUID.randomUUID().toString();
            Set<String> held = reservations.computeIfAbsent(org, k -> new HashSet<>());
            if (!held.contains(reference) && held.size() >= limits.getOrDefault(org, 20)) {
                send(exchange, 409, "{\"error\":\"quota exceeded\"}");
                return;
            }
            held.add(reference);
            send(exchange, 201, "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"kind\":\"services\",\"quantity\":1}");
            return;
        }
        if (release.matches() && method.equals("DELETE")) {
            reservations.getOrDefault(release.group(1), new HashSet<>()).remove(release.group(2));
            send(exchange, 204, null);
            return;
        }
        send(exchange, 404, "{\"error\":\"not found\"}");
    }

    private static boolean isMember(String authorization, String org) {
        String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
        if (jwt.length < 2) {
            return false;
        }
        String payload = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        return payload.contains("\"" + org + "\"");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
