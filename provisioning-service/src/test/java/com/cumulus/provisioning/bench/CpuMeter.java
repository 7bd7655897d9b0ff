package com.cumulus.provisioning.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the benchmark's processes between two snapshots: the test JVM as a whole (service, in-process Kafka
 * broker, the tenancy stand-in, the bench's own HTTP client and consumer), split by thread name into groups (threads
 * that end between the snapshots are not in the split; "JVM internal" is process CPU minus every Java thread: GC, JIT),
 * and the embedded PostgreSQL (postmaster and its backends, from /proc).
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TICK_NS = 10_000_000L; // USER_HZ 100

    final long processNs;
    final Map<Long, Long> threadNs = new TreeMap<>();
    final Map<Long, String> threadNames = new TreeMap<>();
    final long postgresNs;

    private CpuMeter(long postgresPid) {
        processNs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = THREADS.getThreadCpuTime(info.getThreadId());
            if (ns >= 0) {
                threadNs.put(info.getThreadId(), ns);
                threadNames.put(info.getThreadId(), info.getThreadName());
            }
        }
        postgresNs = postgresPid < 0 ? -1 : postgresTicks(postgresPid) * TICK_NS;
    }

    static CpuMeter snapshot(long postgresPid) {
        return new CpuMeter(postgresPid);
    }

    /** Groups a thread by its name. */
    static String group(String name) {
        if (name.startsWith("vert.x-eventloop")) {
            return "service event loops";
        }
        if (name.startsWith("executor-thread") || name.startsWith("vert.x-worker")
                || name.startsWith("vert.x-internal-blocking")) {
            return "service worker threads";
        }
        if (name.startsWith("smallrye-kafka") || name.contains("kafka-producer-network-thread")
                || name.contains("| provisioning") || name.contains("| fake-tenancy")
                || name.contains("kafka-consumer-")) {
            return "service Kafka clients";
        }
        if (name.startsWith("HttpClient") || name.startsWith("bench-") || name.contains("| bench-")) {
            return "bench client (HTTP + consumer)";
        }
        if (name.startsWith("HTTP-Dispatcher") || name.startsWith("pool-")) {
            return "tenancy stand-in (HTTP server)";
        }
        return "Kafka broker and other threads";
    }

    /** CPU ms per unit between {@code start} and this snapshot, total and by group. */
    Map<String, Double> perUnitSince(CpuMeter start, int units) {
        Map<String, Long> groups = new TreeMap<>();
        long threads = 0;
        for (Map.Entry<Long, Long> e : threadNs.entrySet()) {
            long delta = e.getValue() - start.threadNs.getOrDefault(e.getKey(), 0L);
            threads += delta;
            groups.merge(group(threadNames.get(e.getKey())), delta, Long::sum);
        }
        long process = processNs - start.processNs;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("test JVM total", ms(process, units));
        groups.forEach((g, ns) -> out.put(g, ms(ns, units)));
        out.put("JVM internal (GC, JIT) and ended threads", ms(Math.max(0, process - threads), units));
        if (postgresNs >= 0 && start.postgresNs >= 0) {
            out.put("embedded PostgreSQL (all its processes)", ms(postgresNs - start.postgresNs, units));
        }
        return out;
    }

    static String format(Map<String, Double> perUnit) {
        StringBuilder out = new StringBuilder();
        perUnit.forEach((k, v) -> out.append("\n    ").append(k).append(": ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", v)).append(" ms"));
        return out.toString();
    }

    private static double ms(long ns, int units) {
        return ns / 1e6 / Math.max(1, units);
    }

    /** The postmaster listening on {@code port} (its command line names the port), or -1. */
    static long postgresPid(int port) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        Optional<String> cmd = cmdline(p);
                        return cmd.isPresent() && cmd.get().contains("postgres")
                                && (cmd.get().contains("-p " + port + " ") || cmd.get().endsWith("-p " + port)
                                || cmd.get().contains("port=" + port));
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .min().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Optional<String> cmdline(Path proc) {
        try {
            return Optional.of(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime+stime+cutime+cstime of the postmaster plus utime+stime of its live children (backends). */
    private static long postgresTicks(long pid) {
        long total = stat(pid, true);
        try (Stream<ProcessHandle> children = ProcessHandle.of(pid).map(ProcessHandle::descendants)
                .orElse(Stream.empty())) {
            total += children.mapToLong(child -> stat(child.pid(), false)).sum();
        }
        return total;
    }

    private static long stat(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is state (field 3); utime is field 14 -> index 11
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
