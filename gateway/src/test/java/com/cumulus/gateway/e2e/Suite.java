package com.cumulus.gateway.e2e;

import com.cumulus.common.testing.KafkaResource;
import com.cumulus.common.testing.PostgresResource;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite the way deploy/local/up runs it — real PostgreSQL (one database per service), a real Kafka broker,
 * a real SMTP sink (GreenMail) and the five packaged services as separate JVMs — on free ports, for end-to-end stories
 * driven only through the gateway.
 */
final class Suite implements AutoCloseable {

    static final List<String> SERVICES = List.of("identity-service", "tenancy-service", "catalog-service",
            "provisioning-service", "gateway");

    private final PostgresResource postgres = new PostgresResource();
    private final KafkaResource kafka = new KafkaResource();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    GreenMail mail;
    String kafkaBootstrap;
    /** A loopback port the browser story's OAuth client listens on; registered as a redirect URI of the public client. */
    int callbackPort;
    /** Quarkus' HTTP server of the gateway (/q/); the stories use the public port, which relays /q/ to it. */
    private int gatewayManagementPort;

    private Suite(Path root) throws Exception {
        try {
            boot(root);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void boot(Path root) throws Exception {
        Map<String, String> pg = postgres.start();
        int pgPort = Integer.parseInt(pg.get("cumulus.test.postgres.port"));
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String db : List.of("identity", "tenancy", "catalog", "provisioning")) {
                statement.execute("create database " + db);
            }
        }
        kafkaBootstrap = kafka.start().get("kafka.bootstrap.servers");
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
        callbackPort = freePort();
        gatewayManagementPort = freePort();
        Path logs = root.resolve("gateway/target/e2e-logs");
        Files.createDirectories(logs);
        for (String service : SERVICES) {
            launch(root, logs, service, pgPort);
            if (service.equals("identity-service")) {
                // the others verify tokens against identity's JWKS: let it come up first, as in a rollout
                awaitReady(service, Duration.ofMinutes(3));
            }
        }
        for (String service : SERVICES) {
            awaitReady(service, Duration.ofMinutes(3));
        }
    }

    private void launch(Path root, Path logs, String service, int pgPort) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": the suite test runs after `package`");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        builder.environment().putAll(environment(service, pgPort));
        processes.put(service, builder.start());
    }

    static Suite start() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        return new Suite(root);
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    String gateway() {
        return url("gateway");
    }

    /** The issuer identity puts into tokens (its own URL, as deploy/local/up runs it). */
    String issuer() {
        return url("identity-service");
    }

    String callbackUri() {
        return "http://127.0.0.1:" + callbackPort + "/callback";
    }

    private Map<String, String> environment(String service, int pgPort) {
        String identity = url("identity-service");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (service.equals("gateway")) {
            env.put("CUMULUS_GATEWAY_SERVER_PORT", String.valueOf(ports.get(service)));
            env.put("CUMULUS_GATEWAY_SERVER_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", String.valueOf(gatewayManagementPort));
        } else {
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
        }
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        if (!service.equals("gateway")) {
            String db = service.replace("-service", "");
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + pgPort + "/" + db);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pgPort + "/" + db);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", identity);
        }
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.getSmtp().getPort()));
        env.put("CUMULUS_IDENTITY_ISSUER", identity);
        env.put("CUMULUS_GATEWAY_AUTH_ISSUER", identity);
        env.put("CUMULUS_GATEWAY_IDENTITY_URL", identity);
        env.put("CUMULUS_GATEWAY_TENANCY_URL", url("tenancy-service"));
        env.put("CUMULUS_GATEWAY_CATALOG_URL", url("catalog-service"));
        env.put("CUMULUS_GATEWAY_PROVISIONING_URL", url("provisioning-service"));
        env.put("QUARKUS_REST_CLIENT_TENANCY_URL", url("tenancy-service"));
        // links in mails point at this suite's gateway (not at the fixed local port 8080)
        env.put("CUMULUS_IDENTITY_MAIL_RESET_URL", gateway() + "/reset-password");
        env.put("CUMULUS_TENANCY_INVITATIONS_ACCEPT_URL", gateway() + "/console/invites");
        // the public PKCE client (seeded by identity at start) also accepts the browser story's loopback redirect
        env.put("CUMULUS_IDENTITY_LOCAL_CLIENT_REDIRECT_URIS", "http://localhost:8080/callback," + callbackUri());
        // the backup pass looks for due backups every 2 s instead of every minute
        env.put("CUMULUS_PROVISIONING_BACKUPS_CHECK_EVERY", "2s");
        return env;
    }

    private void awaitReady(String service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(service).isAlive()) {
                throw new IllegalStateException(service + " exited; see gateway/target/e2e-logs/" + service + ".log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url(service) + "/q/health/ready")
                        .toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service + " not ready after " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mail != null) {
            mail.stop();
        }
        kafka.stop();
        postgres.stop();
    }
}
