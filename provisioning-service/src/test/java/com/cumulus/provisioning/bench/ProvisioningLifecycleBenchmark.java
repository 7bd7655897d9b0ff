package com.cumulus.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.cumulus.provisioning.Fixtures.newOrg;
import static com.cumulus.provisioning.Fixtures.quotaLimit;
import static com.cumulus.provisioning.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/bench/provisioning-lifecycle: N services (default 1,000) created and started concurrently through the REST
 * API with the simulated driver (run with step-delay 0); a real Kafka consumer on provisioning.events counts every
 * transition event. Prints the time until all are running, events lost / duplicated, POST-to-first-event latency and
 * CPU time per service. The saturated load then runs once more on the warm JVM ({@code -Dbench.warm=false} skips
 * it), and a last phase creates M services (default 200) one at a time (1 client, no queueing) to give the
 * unsaturated POST-to-first-event latency. Excluded from the default build (tag "benchmark").
 * With {@code -Dbench.profile=/path/prefix} async-profiler (bench.profiler-lib) samples CPU during each phase.
 */
@QuarkusTest
@Tag("benchmark")
class ProvisioningLifecycleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TRANSITIONS = List.of("created", "starting>provisioning",
            "provisioning>running");

    @TestHTTPResource("/")
    URL root;

    record Seen(String eventId, String type, String transition, long createTime, long receivedAt) {
    }

    record Phase(List<String> lines, List<Throwable> failures, int lost, int duplicated) {
    }

    private final Map<String, List<Seen>> byService = new ConcurrentHashMap<>();
    private final Set<String> orgs = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private long postgresPid = -1;

    @Test
    void thousandServicesCreatedAndStartedConcurrently() throws Exception {
        int n = Integer.getInteger("bench.services", 1000);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int sequential = Integer.getInteger("bench.sequential", 200);
        String stepDelay = ConfigProvider.getConfig().getValue("cumulus.provisioning.simulated.step-delay",
                String.class);
        postgresPid = CpuMeter.postgresPid(ConfigProvider.getConfig()
                .getValue("cumulus.test.postgres.port", Integer.class));

        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> consumerErrors = new CopyOnWriteArrayList<>();
        Thread consumer = new Thread(() -> consume(stop, consumerErrors), "bench-consumer");
        consumer.start();
        Thread.sleep(3000); // let the consumer join its group before the first POST

        Phase saturated = phase("saturated: " + n + " services, " + concurrency + " concurrent clients", n,
                concurrency, "saturated");
        // the same saturated load once more on the now warm JVM: the first run pays for JIT compilation
        Phase warm = Boolean.parseBoolean(System.getProperty("bench.warm", "true"))
                ? phase("saturated again on the warm JVM: " + n + " services, " + concurrency
                + " concurrent clients", n, concurrency, "warm") : null;
        // last, so that the one-at-a-time latency is not measured while the JIT still compiles the service
        Phase unsaturated = sequential <= 0 ? null
                : phase("unsaturated: " + sequential + " services, 1 client, one POST at a time", sequential, 1,
                "sequential");
        stop.set(true);
        consumer.join();

        List<String> lines = new ArrayList<>();
        lines.add("provisioning-lifecycle benchmark (simulated driver, step-delay " + stepDelay + ")");
        lines.addAll(saturated.lines());
        List<Phase> phases = new ArrayList<>(List.of(saturated));
        if (warm != null) {
            phases.add(warm);
        }
        if (unsaturated != null) {
            phases.add(unsaturated);
        }
        for (Phase phase : phases.subList(1, phases.size())) {
            lines.addAll(phase.lines());
        }
        String report = String.join("\n", lines);
        System.out.println("\n" + report + "\n");
        Path out = Path.of("target", "bench", "provisioning-lifecycle.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n");

        assertThat(consumerErrors).isEmpty();
        for (Phase phase : phases) {
            assertThat(phase.failures()).isEmpty();
            assertThat(phase.lost()).isZero();
            assertThat(phase.duplicated()).isZero();
        }
    }

    private Phase phase(String label, int n, int concurrency, String profileName) throws Exception {
        String org = newOrg();
        orgs.add(org);
        quotaLimit(org, n + 10);
        String bearer = token(org, "admin");
        URI uri = URI.create(root.toString() + "v1/organizations/" + org + "/services");
        Semaphore permits = new Semaphore(concurrency);
        Map<String, Long> postStart = new ConcurrentHashMap<>();
        List<Long> postLatencies = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();

        profiler("start,event=cpu,interval=1ms");
        CpuMeter cpuStart = CpuMeter.snapshot(postgresPid);
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            permits.acquire();
            String body = "{\"name\":\"bench " + i + "\",\"provider\":\"aws\",\"region\":\"us-east-1\","
                    + "\"tier\":\"production\"}";
            long start = System.currentTimeMillis();
            calls.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", bearer)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        long answered = System.currentTimeMillis();
                        permits.release();
                        if (error != null || response.statusCode() != 200) {
                            failures.add(error != null ? error
                                    : new IllegalStateException(response.statusCode() + " " + response.body()));
                            return;
                        }
                        try {
                            postStart.put(JSON.readTree(response.body()).at("/result/service/id").asText(), start);
                            postLatencies.add(answered - start);
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).join();
        long postsDone = System.currentTimeMillis();

        long deadline = System.currentTimeMillis() + 180_000;
        while (running(postStart.keySet()) < postStart.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        CpuMeter cpuEnd = CpuMeter.snapshot(postgresPid);
        profiler("stop,file=" + System.getProperty("bench.profile", "") + "-" + profileName
                + ".collapsed,collapsed");
        long allRunningAt = postStart.keySet().stream().flatMap(id -> byService.getOrDefault(id, List.of()).stream())
                .filter(s -> s.transition().equals("provisioning>running"))
                .mapToLong(Seen::receivedAt).max().orElse(-1);
        Thread.sleep(3000); // late duplicates, if any, arrive now

        int records = 0;
        Set<String> ids = new HashSet<>();
        int lost = 0;
        int duplicateTransitions = 0;
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> transitions = new HashMap<>();
        for (String service : postStart.keySet()) {
            List<Seen> seen = byService.getOrDefault(service, List.of());
            records += seen.size();
            Map<String, Set<String>> idsPerTransition = new HashMap<>();
            for (Seen s : seen) {
                ids.add(s.eventId());
                idsPerTransition.computeIfAbsent(s.transition(), k -> new HashSet<>()).add(s.eventId());
            }
            for (String expected : TRANSITIONS) {
                int count = idsPerTransition.getOrDefault(expected, Set.of()).size();
                transitions.merge(expected, count, Integer::sum);
                if (count == 0) {
                    lost++;
                } else if (count > 1) {
                    duplicateTransitions++;
                }
            }
            seen.stream().filter(s -> s.transition().equals("created")).mapToLong(Seen::createTime).min()
                    .ifPresent(first -> latencies.add(first - postStart.get(service)));
        }
        Collections.sort(latencies);
        List<Long> posts = new ArrayList<>(postLatencies);
        Collections.sort(posts);
        Map<String, Double> cpu = cpuEnd.perUnitSince(cpuStart, postStart.size());
        List<String> lines = List.of(
                "",
                "== " + label,
                "services requested: " + n + ", created (200): " + postStart.size() + ", POST failures: "
                        + failures.size() + (failures.isEmpty() ? "" : " (first: " + failures.get(0) + ")"),
                "all POSTs answered after: " + (postsDone - t0) + " ms ("
                        + String.format(java.util.Locale.ROOT, "%.1f", postStart.size() * 1000.0
                        / Math.max(1, postsDone - t0)) + " POSTs/s); POST round trip p50 " + percentile(posts, 50)
                        + " ms, p99 " + percentile(posts, 99) + " ms",
                "all services running after: " + (allRunningAt < 0 ? "n/a" : (allRunningAt - t0) + " ms")
                        + " (first POST to the last provisioning>running event at the consumer)",
                "events received: " + records + " records, " + ids.size() + " distinct event ids, "
                        + (records - ids.size()) + " redelivered copies absorbed by event id",
                "transition events (distinct): " + transitions,
                "lost transitions: " + lost + ", transitions published more than once: " + duplicateTransitions,
                "POST-to-first-event latency (service.created record timestamp - POST start): p50 "
                        + percentile(latencies, 50) + " ms, p99 " + percentile(latencies, 99) + " ms, max "
                        + (latencies.isEmpty() ? "n/a" : latencies.get(latencies.size() - 1)) + " ms",
                "CPU per service created (first POST until all running; process CPU / services):"
                        + CpuMeter.format(cpu));
        return new Phase(lines, failures, lost, duplicateTransitions);
    }

    /** Sends a command to async-profiler (loaded into this JVM through jcmd) when -Dbench.profile is set. */
    private static void profiler(String command) {
        if (System.getProperty("bench.profile") == null) {
            return;
        }
        String lib = System.getProperty("bench.profiler-lib", "/tmp/ap/linux-x64/libasyncProfiler.so");
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "JVMTI.agent_load",
                    lib, "\"" + command + "\"").redirectErrorStream(true).start(); // quoted: jcmd splits key=value
            String output = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            System.out.println("profiler " + command + ": " + output.trim());
        } catch (Exception e) {
            System.out.println("profiler " + command + " failed: " + e);
        }
    }

    private long running(Set<String> services) {
        return services.stream().filter(id -> byService.getOrDefault(id, List.of()).stream()
                .anyMatch(s -> s.transition().equals("provisioning>running"))).count();
    }

    private static String percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return String.valueOf(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private void consume(AtomicBoolean stop, List<Throwable> errors) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("provisioning.events"));
            while (!stop.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode event = JSON.readTree(r.value());
                    JsonNode data = event.path("data");
                    if (!orgs.contains(data.path("organizationId").asText())) {
                        continue;
                    }
                    String type = event.path("type").asText();
                    String transition = type.endsWith("service.created.v1") ? "created"
                            : type.endsWith("service.state-changed.v1")
                            ? data.path("previousState").asText() + ">" + data.path("state").asText() : type;
                    byService.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                            .add(new Seen(event.path("id").asText(), type, transition, r.timestamp(), now));
                }
            }
        } catch (Exception e) {
            errors.add(e);
        }
    }
}
