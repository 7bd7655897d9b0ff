package com.cumulus.gateway;

import com.cumulus.gateway.support.Edge;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 framing of the gateway's own server, spoken over a raw socket. */
@QuarkusTest
class EdgeServerTest {

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /public-products?first HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "POST /api/v1/forgot-password HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /public-products?third HTTP/1.1\r\nHost: gw\r\nX-Request-Id: third\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            List<Response> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(Response.read(in));
            }
            assertThat(answers).extracting(Response::status).containsExactly(200, 200, 200);
            assertThat(answers.get(0).body()).contains("\"uri\":\"/public-products?first\"");
            assertThat(answers.get(1).body()).contains("\"method\":\"POST\"").contains("\"bodySize\":5");
            assertThat(answers.get(2).body()).contains("\"uri\":\"/public-products?third\"");
            assertThat(answers.get(2).header("x-request-id")).isEqualTo("third");
        }
    }

    @Test
    void aRefusedRequestsBodyIsSkippedAndTheConnectionStaysUsable() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/projects HTTP/1.1\r\nHost: gw\r\nContent-Length: 11\r\n\r\n{\"name\":1}\n"
                    + "GET /public-products HTTP/1.1\r\nHost: gw\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Response refused = Response.read(in);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("www-authenticate")).isEqualTo("Bearer realm=\"cumulus\"");
            assertThat(Response.read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyLargerThanTheLimitGets413AndTheConnectionIsClosed() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/v1/forgot-password HTTP/1.1\r\nHost: gw\r\n"
                    + "Content-Length: 20000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            Response answer = Response.read(in);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anOverlongRequestLineGets414() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /public-products?" + "q".repeat(5000) + " HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(Response.read(socket.getInputStream()).status()).isEqualTo(414);
        }
    }

    @Test
    void anHttp10CallerGetsTheWholeAnswerAndTheConnectionCloses() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /public-products HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            Response answer = Response.read(in);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"upstream\":\"b\"");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("localhost", Edge.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One HTTP/1.1 answer framed by Content-Length (what the echo upstreams and the gateway's refusals send). */
    private record Response(int status, List<String> headers, String body) {

        String header(String name) {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(h -> h.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            List<String> headers = new ArrayList<>();
            String line;
            while (!(line = line(in)).isEmpty()) {
                headers.add(line);
            }
            Response head = new Response(status, headers, "");
            String length = head.header("content-length");
            byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}
