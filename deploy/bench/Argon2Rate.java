// Raw Argon2id on one core for deploy/bench/identity-grants.sh: the upper bound of password logins per second.
// Compiled against BouncyCastle and identity's jar (com.cumulus.identity.account.service.Argon2id, the service's
// own kernel with one reused block buffer).
//
//   Argon2Rate <memory-kib> <iterations> <seconds> [own]   hashes for 3 s (warm-up), then for <seconds>; prints
//                                                          "N hashes/s, M CPU ms/hash" (BouncyCastle unless "own")
//   Argon2Rate serve <memory-kib> <iterations>             the service's kernel on demand, for LoginsAgainstRaw:
//                                                          reads "run <millis>" lines on stdin, hashes until that
//                                                          time has passed (whole hashes), answers
//                                                          "<hashes> <elapsed-ns> <process-cpu-ns>"; idles between
//   Argon2Rate phc <memory-kib> <iterations> <password>    a stored hash as identity writes it
import com.cumulus.identity.account.service.Argon2id;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

public class Argon2Rate {
    private static final byte[] PASSWORD = "password".getBytes(StandardCharsets.UTF_8);
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "phc" -> phc(Integer.parseInt(a[1]), Integer.parseInt(a[2]), a[3]);
            case "serve" -> serve(Integer.parseInt(a[1]), Integer.parseInt(a[2]));
            default -> rate(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Long.parseLong(a[2]),
                    a.length > 3 && a[3].equals("own"));
        }
    }

    private static void phc(int m, int t, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        byte[] tag = new Argon2id(1).hash(password.getBytes(StandardCharsets.UTF_8), salt, m, t, 32);
        System.out.println("$argon2id$v=19$m=" + m + ",t=" + t + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(tag));
    }

    private static void serve(int m, int t) throws Exception {
        Argon2id argon2 = new Argon2id(1);
        byte[] salt = new byte[16];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            long millis = Long.parseLong(line.substring("run ".length()).trim());
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
            long end = start + millis * 1_000_000L;
            int n = 0;
            do {
                argon2.hash(PASSWORD, salt, m, t, 32);
                n++;
            } while (System.nanoTime() < end);
            System.out.println(n + " " + (System.nanoTime() - start) + " " + (OS.getProcessCpuTime() - cpu));
            System.out.flush();
        }
    }

    private static void rate(int m, int t, long seconds, boolean own) {
        Argon2id argon2 = new Argon2id(1);
        byte[] out = new byte[32];
        for (int round = 0; round < 2; round++) { // the first round warms up
            long end = System.nanoTime() + (round == 0 ? 3 : seconds) * 1_000_000_000L;
            int n = 0;
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
            while (System.nanoTime() < end) {
                if (own) {
                    out = argon2.hash(PASSWORD, new byte[16], m, t, 32);
                } else {
                    Argon2BytesGenerator g = new Argon2BytesGenerator();
                    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(19)
                            .withMemoryAsKB(m).withIterations(t).withParallelism(1).withSalt(new byte[16]).build());
                    g.generateBytes(PASSWORD, out);
                }
                n++;
            }
            if (round == 1) {
                System.out.printf("%.1f hashes/s, %.1f CPU ms/hash%n", n / ((System.nanoTime() - start) / 1e9),
                        (OS.getProcessCpuTime() - cpu) / 1e6 / n);
            }
        }
    }
}
