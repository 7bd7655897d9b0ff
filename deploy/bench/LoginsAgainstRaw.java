// Password logins against the raw Argon2id rate on the same core, in short alternating windows, for
// deploy/bench/identity-grants.sh.
//
// This VM's raw hash rate moves by up to 50 % within a minute (10 s raw runs of one phase: 39.0, 25.4, 25.7, 38.1
// hashes/s), so a share computed from 10 s blocks minutes apart measures the machine's drift as much as the
// service. Here the two take turns every <window-ms>: a raw window (the service's own kernel in a separate JVM on
// the service's core, while the service idles) and a login window (<concurrency> clients posting
// /api/v1/session, while the raw JVM idles). Odd rounds run the raw window first and even rounds last, so a steady
// drift weighs on both sides alike.
//
//   java deploy/bench/LoginsAgainstRaw.java <baseUrl> <email> <password> <rounds> <window-ms> <concurrency>
//        <service-pid> -- <raw worker command: Argon2Rate serve m t, pinned to the service's core>
// Without "--" and a raw command it is a warm-up: <rounds> login windows with idle windows between them, as the
// measurement runs them to the service, and prints nothing.
//
// Prints one line: logins/s and the service's CPU per login, the raw rate and the raw JVM's CPU per hash, the
// share (all logins over all login time against all hashes over all raw time), the median and range of the
// rounds' own shares, how busy the idle service was during the raw windows (and its busiest threads then), and
// where the service's CPU per login went: its context switches and its busiest thread groups (from
// /proc/<pid>/task). JDK 17+, no dependencies.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

public class LoginsAgainstRaw {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /**
     * What one window measured: operations, wall time, CPU time of the process doing them, and (for the service's login
     * windows only) its threads' context switches and CPU time by thread group.
     */
    record Window(long operations, long nanos, long cpuNanos, long switches, Map<String, Long> cpuByThreadGroup,
                  Map<String, Long> switchesByThreadGroup) {
        double perSecond() {
            return operations * 1e9 / nanos;
        }
    }

    public static void main(String[] args) throws Exception {
        URI session = URI.create(args[0] + "/api/v1/session");
        String body = "{\"email\":\"" + args[1] + "\",\"password\":\"" + args[2] + "\"}";
        int rounds = Integer.parseInt(args[3]);
        long windowMillis = Long.parseLong(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        Path serviceStat = Path.of("/proc", args[6], "stat");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest login = HttpRequest.newBuilder(session).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        if (!Arrays.asList(args).contains("--")) {
            // warm-up: the measurement's login windows and the idle gaps between them, without a raw JVM
            for (int round = 0; round < rounds; round++) {
                if (round > 0) {
                    Thread.sleep(windowMillis);
                }
                loginWindow(client, login, windowMillis, concurrency, serviceStat);
            }
            return;
        }
        List<String> rawCommand = Arrays.asList(args).subList(Arrays.asList(args).indexOf("--") + 1, args.length);

        Process raw = new ProcessBuilder(rawCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintWriter toRaw = new PrintWriter(raw.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromRaw = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
        try {
            // a first scrape of identity's metrics compiles their exposition code; done here, that compiling happens
            // during the raw JVM's warm-up instead of in the first login windows
            hashCpu(client, args[0]);
            rawWindow(toRaw, fromRaw, 5_000); // the raw JVM's warm-up
            double[] hashCpuBefore = hashCpu(client, args[0]);
            List<Window> logins = new ArrayList<>();
            List<Window> raws = new ArrayList<>();
            long serviceCpuDuringRaw = 0;
            Map<String, Long> idleCpuByGroup = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0;
                if (rawFirst) {
                    serviceCpuDuringRaw += rawWindowBesideService(toRaw, fromRaw, windowMillis, raws, serviceStat,
                            idleCpuByGroup);
                }
                logins.add(loginWindow(client, login, windowMillis, concurrency, serviceStat));
                if (!rawFirst) {
                    serviceCpuDuringRaw += rawWindowBesideService(toRaw, fromRaw, windowMillis, raws, serviceStat,
                            idleCpuByGroup);
                }
            }
            double[] hashCpuAfter = hashCpu(client, args[0]);
            report(logins, raws, serviceCpuDuringRaw, idleCpuByGroup, windowMillis,
                    (hashCpuAfter[1] - hashCpuBefore[1]) * 1e3 / (hashCpuAfter[0] - hashCpuBefore[0]));
        } finally {
            toRaw.close();
            raw.waitFor();
        }
    }

    /**
     * A raw window added to {@code raws}; returns the CPU time the idle service used meanwhile, and adds it by thread
     * group to {@code idleByGroup}.
     */
    private static long rawWindowBesideService(PrintWriter toRaw, BufferedReader fromRaw, long millis, List<Window> raws,
                                               Path serviceStat, Map<String, Long> idleByGroup) throws Exception {
        long before = cpuNanos(serviceStat);
        Map<String, ThreadTime> threadsBefore = threadTimes(serviceStat.getParent());
        raws.add(rawWindow(toRaw, fromRaw, millis));
        long used = cpuNanos(serviceStat) - before;
        byGroup(threadsBefore, threadTimes(serviceStat.getParent()), ThreadTime::cpuNanos)
                .forEach((group, cpu) -> idleByGroup.merge(group, cpu, Long::sum));
        return used;
    }

    private static Window rawWindow(PrintWriter toRaw, BufferedReader fromRaw, long millis) throws Exception {
        toRaw.println("run " + millis);
        String line = fromRaw.readLine();
        while (!line.matches("\\d+ \\d+ \\d+")) { // a JVM agent attached to the raw JVM may print on its stdout
            line = fromRaw.readLine();
        }
        String[] reply = line.split(" ");
        return new Window(Long.parseLong(reply[0]), Long.parseLong(reply[1]), Long.parseLong(reply[2]), 0, Map.of(),
                Map.of());
    }

    /** Keeps {@code concurrency} logins in flight until the window has passed; ends when the last one answers. */
    private static Window loginWindow(HttpClient client, HttpRequest login, long millis, int concurrency,
                                      Path serviceStat) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long cpuBefore = cpuNanos(serviceStat);
        Map<String, ThreadTime> threadsBefore = threadTimes(serviceStat.getParent());
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        for (int i = 0; i < concurrency; i++) {
            send(client, login, deadline, ok, failed, lastAnswer, done);
        }
        done.await();
        long cpu = cpuNanos(serviceStat) - cpuBefore;
        Map<String, ThreadTime> threadsAfter = threadTimes(serviceStat.getParent());
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " logins failed");
        }
        Map<String, Long> switchesByGroup = byGroup(threadsBefore, threadsAfter, ThreadTime::switches);
        return new Window(ok.get(), lastAnswer.get() - start, cpu,
                switchesByGroup.values().stream().mapToLong(Long::longValue).sum(),
                byGroup(threadsBefore, threadsAfter, ThreadTime::cpuNanos), switchesByGroup);
    }

    /** How much of {@code measure} each thread group added between two readings of the threads. */
    private static Map<String, Long> byGroup(Map<String, ThreadTime> before, Map<String, ThreadTime> after,
                                             ToLongFunction<ThreadTime> measure) {
        Map<String, Long> added = new HashMap<>();
        for (Map.Entry<String, ThreadTime> thread : after.entrySet()) {
            ThreadTime was = before.getOrDefault(thread.getKey(), new ThreadTime("", 0, 0));
            added.merge(thread.getValue().group(), measure.applyAsLong(thread.getValue()) - measure.applyAsLong(was),
                    Long::sum);
        }
        return added;
    }

    private static void send(HttpClient client, HttpRequest login, long deadline, AtomicInteger ok,
                             AtomicInteger failed, AtomicLong lastAnswer, CountDownLatch done) {
        client.sendAsync(login, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            if (error == null && response.statusCode() == 200) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            if (System.nanoTime() < deadline && error == null) {
                send(client, login, deadline, ok, failed, lastAnswer, done);
            } else {
                done.countDown();
            }
        });
    }

    /**
     * The service's own count and CPU seconds of its hashes (the timer identity.password.hash.cpu at /q/metrics):
     * what the hash alone cost inside the service, against the raw JVM's CPU per hash.
     */
    private static double[] hashCpu(HttpClient client, String base) throws Exception {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double count = 0;
        double seconds = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("identity_password_hash_cpu_seconds_count")) {
                count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("identity_password_hash_cpu_seconds_sum")) {
                seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new double[] {count, seconds};
    }

    /** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, after the command's parentheses). */
    private static long cpuNanos(Path stat) throws Exception {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** One thread's name (digits dropped, so a pool is one group), CPU time and context switches so far. */
    record ThreadTime(String group, long cpuNanos, long switches) {
    }

    /**
     * Every thread of the process (/proc/<pid>/task/<tid>): its CPU time (stat) and its voluntary and involuntary
     * context switches (status). On one core each switch is a turn between the hashing thread and the rest, and each
     * costs refilling caches the hash evicted.
     */
    private static Map<String, ThreadTime> threadTimes(Path process) throws Exception {
        Map<String, ThreadTime> times = new HashMap<>();
        try (var tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) { // voluntary_ and nonvoluntary_
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String group = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9#]+", "");
                    times.put(task.getFileName().toString(), new ThreadTime(group, cpuNanos(task.resolve("stat")),
                            switches));
                } catch (java.io.IOException threadEnded) {
                    // a thread that ended between the listing and the read has nothing left to count
                }
            }
        }
        return times;
    }

    /**
     * The thread groups that used the most CPU per login, each with its context switches per login, e.g.
     * "argonid- 23.7 (9.1), vert.x-eventloo 1.5 (7.9)".
     */
    private static String threadBreakdown(Window logins) {
        StringBuilder breakdown = new StringBuilder();
        logins.cpuByThreadGroup().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(7)
                .forEach(group -> breakdown.append(breakdown.length() == 0 ? "" : ", ").append(group.getKey())
                        .append(String.format(" %.2f (%.1f)", group.getValue() / 1e6 / logins.operations(),
                                (double) logins.switchesByThreadGroup().getOrDefault(group.getKey(), 0L)
                                        / logins.operations())));
        return breakdown.toString();
    }

    private static void report(List<Window> logins, List<Window> raws, long serviceCpuDuringRaw,
                               Map<String, Long> idleCpuByGroup, long windowMillis, double hashCpuMillis) {
        Window login = total(logins);
        Window raw = total(raws);
        double[] shares = new double[logins.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = 100 * logins.get(i).perSecond() / raws.get(i).perSecond();
        }
        Arrays.sort(shares);
        System.out.printf("%.1f logins/s (%d in %.1f s, identity CPU %.2f ms/login, of which the hash %.2f ms,"
                        + " %.1f context switches/login; CPU ms/login by thread, with its context switches/login: %s);"
                        + " raw own rate %.1f hashes/s"
                        + " (%d in %.1f s, %.2f CPU ms/hash); logins are %.0f %% of the raw rate"
                        + " (%d rounds of %d ms: median %.0f %%, range %.0f-%.0f %%; idle identity used %.1f %%"
                        + " of the core during the raw windows: %s)%n",
                login.perSecond(), login.operations(), login.nanos() / 1e9, login.cpuNanos() / 1e6 / login.operations(),
                hashCpuMillis, (double) login.switches() / login.operations(),
                threadBreakdown(login),
                raw.perSecond(), raw.operations(), raw.nanos() / 1e9, raw.cpuNanos() / 1e6 / raw.operations(),
                100 * login.perSecond() / raw.perSecond(), shares.length, windowMillis,
                shares[shares.length / 2], shares[0], shares[shares.length - 1],
                100.0 * serviceCpuDuringRaw / raw.nanos(), idleBreakdown(idleCpuByGroup, raw.nanos()));
    }

    /** The idle service's busiest thread groups during the raw windows, in % of the core, e.g. "C CompilerThre 0.4 %". */
    private static String idleBreakdown(Map<String, Long> idleCpuByGroup, long rawNanos) {
        return idleCpuByGroup.entrySet().stream().filter(group -> group.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(group -> String.format("%s %.2f %%", group.getKey(), 100.0 * group.getValue() / rawNanos))
                .collect(Collectors.joining(", "));
    }

    private static Window total(List<Window> windows) {
        return new Window(windows.stream().mapToLong(Window::operations).sum(),
                windows.stream().mapToLong(Window::nanos).sum(), windows.stream().mapToLong(Window::cpuNanos).sum(),
                windows.stream().mapToLong(Window::switches).sum(), sum(windows, Window::cpuByThreadGroup),
                sum(windows, Window::switchesByThreadGroup));
    }

    private static Map<String, Long> sum(List<Window> windows, Function<Window, Map<String, Long>> byGroup) {
        return windows.stream().flatMap(window -> byGroup.apply(window).entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
    }
}
