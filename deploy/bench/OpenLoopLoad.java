// An open-loop HTTP/1.1 load generator for the deploy/bench scripts: it sends requests at a fixed rate whatever the
// server does, and measures each request's latency from the moment the schedule wanted to send it (not from when a
// connection was free to send it). A closed-loop tool such as wrk waits for a response before sending the next
// request on that connection, so a server stall delays the requests that would have arrived during it and they are
// never measured ("coordinated omission"); here they queue in the client and their waiting counts.
//
//   java deploy/bench/OpenLoopLoad.java <url> <requests/s> <warm-up s> <measured s> <connections> [options]
//     -H 'Name: value'   a request header (repeatable)
//     -m METHOD          default GET (POST when -d is given)
//     -d BODY            request body
// Prints the achieved rate, the latency percentiles (corrected: from the intended send time), the service-time
// percentiles (from the actual write; what a closed-loop tool reports), the non-2xx count and the requests still
// unanswered 10 s after the schedule ended. Plain HTTP, keep-alive, no pipelining; JDK 17+, no dependencies.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class OpenLoopLoad {

    /** One keep-alive connection with at most one request in flight. */
    static final class Connection {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        byte[] in = new byte[16384];
        int inLength;
        long intended;
        long sent;
        boolean busy;
    }

    /** A growable list of latencies in nanoseconds. */
    static final class Samples {
        long[] values = new long[1 << 16];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        String percentiles() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            StringBuilder text = new StringBuilder();
            for (double p : new double[] {50, 90, 99, 99.9, 100}) {
                long v = size == 0 ? 0 : sorted[Math.min(size - 1, (int) Math.ceil(p / 100 * size) - 1)];
                text.append(String.format("  %s%%=%.2fms", p == 100 ? "max" : p == 99.9 ? "99.9" : String.valueOf((int) p),
                        v / 1e6));
            }
            return text.toString().replace("max%", "max");
        }
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        double warmupSeconds = Double.parseDouble(args[2]);
        double measuredSeconds = Double.parseDouble(args[3]);
        int connections = Integer.parseInt(args[4]);
        List<String> headers = new ArrayList<>();
        String method = null;
        String body = null;
        for (int i = 5; i < args.length; i += 2) {
            switch (args[i]) {
                case "-H" -> headers.add(args[i + 1]);
                case "-m" -> method = args[i + 1];
                case "-d" -> body = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        int port = url.getPort() == -1 ? 80 : url.getPort();
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
                + port + "\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] requestBytes = Arrays.copyOf(head, head.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, requestBytes, head.length, bodyBytes.length);

        InetSocketAddress address = new InetSocketAddress(url.getHost(), port);
        Selector selector = Selector.open();
        Connection[] pool = new Connection[connections];
        for (int i = 0; i < connections; i++) {
            pool[i] = open(selector, address, requestBytes);
        }

        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 10_000_000;
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measuredSeconds * 1e9);
        long total = (end - start) / interval;
        long scheduled = 0; // requests whose intended time has come
        long[] queue = new long[1 << 20]; // intended times waiting for a free connection (ring buffer)
        int queueHead = 0;
        int queueSize = 0;
        Samples latency = new Samples();
        Samples service = new Samples();
        long non2xx = 0;
        long measuredSent = 0;
        long measuredDone = 0;
        long lastDone = 0;
        long deadline = end + 10_000_000_000L;
        int inFlight = 0;
        while (true) {
            long now = System.nanoTime();
            while (scheduled < total && start + scheduled * interval <= now) {
                if (queueSize == queue.length) {
                    throw new IllegalStateException("more than " + queue.length + " requests waiting for a connection");
                }
                queue[(queueHead + queueSize++) & (queue.length - 1)] = start + scheduled * interval;
                scheduled++;
            }
            for (Connection c : pool) {
                if (queueSize == 0) {
                    break;
                }
                if (!c.busy) {
                    c.intended = queue[queueHead];
                    queueHead = (queueHead + 1) & (queue.length - 1);
                    queueSize--;
                    c.busy = true;
                    c.sent = now;
                    c.inLength = 0;
                    c.out.clear();
                    c.channel.write(c.out);
                    if (c.out.hasRemaining()) {
                        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                    inFlight++;
                    if (c.intended >= measureFrom) {
                        measuredSent++;
                    }
                }
            }
            if (scheduled == total && queueSize == 0 && inFlight == 0) {
                break;
            }
            if (now > deadline) {
                break;
            }
            long wait = scheduled < total ? (start + scheduled * interval - now) / 1_000_000 : 100;
            if (wait >= 1) {
                selector.select(wait);
            } else {
                selector.selectNow();
            }
            var keys = selector.selectedKeys();
            for (SelectionKey key : keys) {
                Connection c = (Connection) key.attachment();
                if (key.isValid() && key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    int status = read(c);
                    if (status == -2) { // closed by the server
                        if (c.busy) {
                            inFlight--;
                            non2xx++;
                        }
                        key.cancel();
                        c.channel.close();
                        Connection fresh = open(selector, address, requestBytes);
                        for (int i = 0; i < pool.length; i++) {
                            if (pool[i] == c) {
                                pool[i] = fresh;
                            }
                        }
                    } else if (status > 0) {
                        long done = System.nanoTime();
                        c.busy = false;
                        inFlight--;
                        if (c.intended >= measureFrom && c.intended < end) {
                            latency.add(done - c.intended);
                            service.add(done - c.sent);
                            measuredDone++;
                            lastDone = done;
                            if (status < 200 || status > 299) {
                                non2xx++;
                            }
                        }
                    }
                }
            }
            keys.clear();
        }
        double seconds = (Math.max(lastDone, end) - measureFrom) / 1e9;
        System.out.printf("open-loop %s %s at %.0f requests/s offered, %d connections, %.0f s warm-up + %.0f s measured%n",
                method, url, rate, connections, warmupSeconds, measuredSeconds);
        System.out.printf("  requests %d answered of %d sent, %.0f req/s achieved, non-2xx %d, unanswered %d%n",
                measuredDone, measuredSent, measuredDone / seconds, non2xx, measuredSent - measuredDone);
        System.out.println("  latency (from intended send time):" + latency.percentiles());
        System.out.println("  service time (from actual write):  " + service.percentiles());
    }

    static Connection open(Selector selector, InetSocketAddress address, byte[] requestBytes) throws IOException {
        Connection c = new Connection();
        c.channel = SocketChannel.open(address);
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.channel.configureBlocking(false);
        c.out = ByteBuffer.wrap(requestBytes);
        c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    /** Reads what is there; the status code once the response is complete, 0 while incomplete, -2 when closed. */
    static int read(Connection c) throws IOException {
        while (true) {
            if (c.inLength == c.in.length) {
                c.in = Arrays.copyOf(c.in, c.in.length * 2);
            }
            int n = c.channel.read(ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength));
            if (n < 0) {
                return -2;
            }
            if (n == 0) {
                break;
            }
            c.inLength += n;
        }
        return c.busy ? complete(c) : 0;
    }

    /** The status code when c.in holds one whole response, else 0. */
    static int complete(Connection c) {
        byte[] b = c.in;
        int headerEnd = indexOf(b, 0, c.inLength, "\r\n\r\n");
        if (headerEnd < 0) {
            return 0;
        }
        String header = new String(b, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(header.substring(9, 12));
        int bodyStart = headerEnd + 4;
        String lower = header.toLowerCase();
        int lengthAt = lower.indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int lineEnd = lower.indexOf("\r\n", lengthAt + 2);
            int length = Integer.parseInt(lower.substring(lengthAt + 17, lineEnd < 0 ? lower.length() : lineEnd).trim());
            return c.inLength >= bodyStart + length ? status : 0;
        }
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            int at = bodyStart;
            while (true) {
                int lineEnd = indexOf(b, at, c.inLength, "\r\n");
                if (lineEnd < 0) {
                    return 0;
                }
                String sizeText = new String(b, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = sizeText.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
                at = lineEnd + 2 + size + 2;
                if (at > c.inLength) {
                    return 0;
                }
                if (size == 0) {
                    return status;
                }
            }
        }
        return status; // no body (204, 304) or a body without a length is not expected here
    }

    static int indexOf(byte[] b, int from, int to, String what) {
        outer:
        for (int i = from; i <= to - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (b[i + j] != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
