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
//
// Prints one line: logins/s and the service's CPU per login, the raw rate and the raw JVM's CPU per hash, the
// share (all logins over all login time against all hashes over all raw time), the median and range of the
// rounds' own shares, and how busy the idle service was during the raw windows. JDK 17+, no dependencies.

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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class LoginsAgainstRaw {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** What one window measured: operations, wall time and CPU time of the process doing them. */
    record Window(long operations, long nanos, long cpuNanos) {
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
        List<String> rawCommand = Arrays.asList(args).subList(Arrays.asList(args).indexOf("--") + 1, args.length);

        Process raw = new ProcessBuilder(rawCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintWriter toRaw = new PrintWriter(raw.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromRaw = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest login = HttpRequest.newBuilder(session).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            rawWindow(toRaw, fromRaw, 5_000); // the raw JVM's warm-up
            double[] hashCpuBefore = hashCpu(client, args[0]);
            List<Window> logins = new ArrayList<>();
            List<Window> raws = new ArrayList<>();
            long serviceCpuDuringRaw = 0;
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0;
                if (rawFirst) {
                    serviceCpuDuringRaw += rawWindowBesideService(toRaw, fromRaw, windowMillis, raws, serviceStat);
                }
                logins.add(loginWindow(client, login, windowMillis, concurrency, serviceStat));
                if (!rawFirst) {
                    serviceCpuDuringRaw += rawWindowBesideService(toRaw, fromRaw, windowMillis, raws, serviceStat);
                }
            }
            double[] hashCpuAfter = hashCpu(client, args[0]);
            report(logins, raws, serviceCpuDuringRaw, windowMillis,
                    (hashCpuAfter[1] - hashCpuBefore[1]) * 1e3 / (hashCpuAfter[0] - hashCpuBefore[0]));
        } finally {
            toRaw.close();
            raw.waitFor();
        }
    }

    /** A raw window added to {@code raws}; returns the CPU time the idle service used meanwhile. */
    private static long rawWindowBesideService(PrintWriter toRaw, BufferedReader fromRaw, long millis, List<Window> raws,
                                               Path serviceStat) throws Exception {
        long before = cpuNanos(serviceStat);
        raws.add(rawWindow(toRaw, fromRaw, millis));
        return cpuNanos(serviceStat) - before;
    }

    private static Window rawWindow(PrintWriter toRaw, BufferedReader fromRaw, long millis) throws Exception {
        toRaw.println("run " + millis);
        String line = fromRaw.readLine();
        while (!line.matches("\\d+ \\d+ \\d+")) { // a JVM agent attached to the raw JVM may print on its stdout
            line = fromRaw.readLine();
        }
        String[] reply = line.split(" ");
        return new Window(Long.parseLong(reply[0]), Long.parseLong(reply[1]), Long.parseLong(reply[2]));
    }

    /** Keeps {@code concurrency} logins in flight until the window has passed; ends when the last one answers. */
    private static Window loginWindow(HttpClient client, HttpRequest login, long millis, int concurrency,
                                      Path serviceStat) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long cpuBefore = cpuNanos(serviceStat);
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        for (int i = 0; i < concurrency; i++) {
            send(client, login, deadline, ok, failed, lastAnswer, done);
        }
        done.await();
        long cpu = cpuNanos(serviceStat) - cpuBefore;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " logins failed");
        }
        return new Window(ok.get(), lastAnswer.get() - start, cpu);
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

    private static void report(List<Window> logins, List<Window> raws, long serviceCpuDuringRaw,
                               long windowMillis, double hashCpuMillis) {
        Window login = total(logins);
        Window raw = total(raws);
        double[] shares = new double[logins.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = 100 * logins.get(i).perSecond() / raws.get(i).perSecond();
        }
        Arrays.sort(shares);
        System.out.printf("%.1f logins/s (%d in %.1f s, identity CPU %.2f ms/login, of which the hash %.2f ms);"
                        + " raw own rate %.1f hashes/s"
                        + " (%d in %.1f s, %.2f CPU ms/hash); logins are %.0f %% of the raw rate"
                        + " (%d rounds of %d ms: median %.0f %%, range %.0f-%.0f %%; idle identity used %.1f %%"
                        + " of the core during the raw windows)%n",
                login.perSecond(), login.operations(), login.nanos() / 1e9, login.cpuNanos() / 1e6 / login.operations(),
                hashCpuMillis,
                raw.perSecond(), raw.operations(), raw.nanos() / 1e9, raw.cpuNanos() / 1e6 / raw.operations(),
                100 * login.perSecond() / raw.perSecond(), shares.length, windowMillis,
                shares[shares.length / 2], shares[0], shares[shares.length - 1],
                100.0 * serviceCpuDuringRaw / raw.nanos());
    }

    private static Window total(List<Window> windows) {
        return new Window(windows.stream().mapToLong(Window::operations).sum(),
                windows.stream().mapToLong(Window::nanos).sum(), windows.stream().mapToLong(Window::cpuNanos).sum());
    }
}
