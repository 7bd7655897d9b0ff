// refresh_token load for deploy/bench/identity-grants.sh: N chains, each signs in once (authorization code + PKCE,
// through java.net.http, not measured) and then refreshes again and again with the refresh token it has just
// received (an old one is refused, and reusing one would end the session), one keep-alive connection per chain.
// The measured loop is one thread on a selector writing and parsing HTTP/1.1 itself: a client that costs far less
// CPU per request than the service it measures, so that on a two-core machine the service's core is the limit and
// not the core the client shares with PostgreSQL (java.net.http cost about as much as identity per grant).
//
//   java deploy/bench/RefreshLoad.java <baseUrl> <email> <password> <seconds> <chains> [pid of the service]
// Prints "R req/s, p50 Xs, p99 Ys, grants: N, errors: E" and, given the pid, the CPU time the service spent per
// grant during the measured run (/proc/<pid>/stat utime+stime, read after the sign-ins, so their Argon2 hashes are
// not counted). JDK 17+, no dependencies.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RefreshLoad {
    static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
    static final String REDIRECT = "http://localhost:9/cb";

    /** One chain: a connection, the refresh token to present next, the response being read. */
    static final class Chain {
        SocketChannel channel;
        String token;
        ByteBuffer out;
        byte[] in = new byte[8192];
        int inLength;
        long sentAt;
        boolean done;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String email = args[1];
        String password = args[2];
        long seconds = Long.parseLong(args[3]);
        int chains = Integer.parseInt(args[4]);
        String pid = args.length > 5 ? args[5] : null;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Selector selector = Selector.open();
        Chain[] all = new Chain[chains];
        for (int i = 0; i < chains; i++) {
            Chain c = new Chain();
            c.token = signIn(http, args[0], email, password);
            c.channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.channel.configureBlocking(false);
            c.channel.register(selector, SelectionKey.OP_READ, c);
            all[i] = c;
        }
        String host = base.getHost() + ":" + base.getPort();

        long[] latencies = new long[1 << 16];
        int count = 0;
        long errors = 0;
        long ticks0 = pid == null ? 0 : ticks(pid);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (Chain c : all) {
            send(c, host);
        }
        int live = chains;
        while (live > 0) {
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                Chain c = (Chain) key.attachment();
                if (c.done) {
                    continue;
                }
                boolean closed = read(c) < 0;
                String body = closed ? null : response(c);
                if (!closed && body == null) {
                    continue; // the response is not complete yet
                }
                long now = System.nanoTime();
                Matcher m = body == null ? null : REFRESH_TOKEN.matcher(body);
                if (m != null && m.find()) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - c.sentAt;
                    c.token = m.group(1);
                } else {
                    errors++;
                    System.err.println("refresh failed: " + (body == null ? "connection closed" : body));
                    c.token = null;
                }
                if (now >= end || c.token == null) {
                    c.done = true;
                    c.channel.close();
                    live--;
                } else {
                    send(c, host);
                }
            }
            selector.selectedKeys().clear();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long ticks1 = pid == null ? 0 : ticks(pid);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("%.1f req/s, p50 %.4fs, p99 %.4fs, grants: %d, errors: %d (selector client, %d chains)%n",
                count / elapsed, count == 0 ? 0 : sorted[count / 2] / 1e9,
                count == 0 ? 0 : sorted[(int) (count * 0.99)] / 1e9, count, errors, chains);
        if (pid != null && count > 0) {
            // USER_HZ is 100 on Linux
            System.out.printf("   identity CPU %.2f ms/request%n", (ticks1 - ticks0) * 10.0 / count);
        }
    }

    static void send(Chain c, String host) throws IOException {
        String body = "grant_type=refresh_token&client_id=cumulus-console&refresh_token="
                + URLEncoder.encode(c.token, StandardCharsets.UTF_8);
        String request = "POST /oauth2/v2/token HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
        c.out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        c.inLength = 0;
        c.sentAt = System.nanoTime();
        while (c.out.hasRemaining()) {
            c.channel.write(c.out); // a few hundred bytes: the socket buffer takes them at once
        }
    }

    /** Reads what has arrived; -1 when the service closed the connection. */
    static int read(Chain c) throws IOException {
        if (c.inLength == c.in.length) {
            c.in = Arrays.copyOf(c.in, c.in.length * 2);
        }
        int n = c.channel.read(ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength));
        if (n > 0) {
            c.inLength += n;
        }
        return n;
    }

    /** The body of the complete response in {@code c.in}, or null while it is still arriving. */
    static String response(Chain c) {
        String head = new String(c.in, 0, c.inLength, StandardCharsets.ISO_8859_1);
        int headEnd = head.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String headers = head.substring(0, headEnd).toLowerCase();
        int lengthAt = headers.indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int lineEnd = headers.indexOf("\r\n", lengthAt + 2);
            int length = Integer.parseInt(headers.substring(lengthAt + 17, lineEnd < 0 ? headers.length() : lineEnd).trim());
            return c.inLength < headEnd + 4 + length ? null
                    : new String(c.in, headEnd + 4, length, StandardCharsets.UTF_8);
        }
        // chunked: complete at the last chunk; the chunk sizes stay in the text, which only the pattern reads
        return head.endsWith("\r\n0\r\n\r\n") ? head.substring(headEnd + 4) : null;
    }

    static long ticks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Authorization code + PKCE through the HTML login page; returns the first refresh token. */
    static String signIn(HttpClient http, String base, String email, String password) throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String verifier = b64.encodeToString(raw);
        String challenge = b64.encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String query = form(Map.of("response_type", "code", "client_id", "cumulus-console", "redirect_uri", REDIRECT,
                "scope", "openid", "state", "s", "code_challenge", challenge, "code_challenge_method", "S256"));
        String html = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/v2/authorization?" + query)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">"));
        }
        fields.put("email", email);
        fields.put("password", password);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/v2/authorization"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("login failed: " + login.statusCode() + " " + login.body()));
        String code = null;
        for (String p : URI.create(location).getRawQuery().split("&")) {
            if (p.startsWith("code=")) {
                code = URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8);
            }
        }
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "client_id", "cumulus-console", "redirect_uri", REDIRECT, "code_verifier", verifier)))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher t = REFRESH_TOKEN.matcher(body);
        if (!t.find()) {
            throw new IllegalStateException("no refresh token: " + body);
        }
        return t.group(1);
    }

    static String form(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
