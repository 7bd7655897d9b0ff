package com.cumulus.gateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway's own small calls (discovery, JWKS, token exchange, OpenAPI documents), fully buffered. */
@Singleton
public class SideCalls {

    /** A response with its status and body. */
    public record Reply(int status, Buffer body) {
        public JsonObject json() {
            return body.toJsonObject();
        }
    }

    private final HttpClient client;

    public SideCalls(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(16).setKeepAlive(true)
                .setConnectTimeout(3000));
    }

    public Future<Reply> get(String url, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis()).putHeader("Accept", "application/json");
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Reply(response.statusCode(), body)));
    }

    /** GET that fails unless the answer is 200 with a JSON object. */
    public Future<JsonObject> getJson(String url, Duration timeout) {
        return get(url, timeout).compose(reply -> reply.status() == 200
                ? Future.succeededFuture(reply.json())
                : Future.failedFuture(new IllegalStateException(url + " answered " + reply.status())));
    }

    public Future<Reply> postForm(String url, Map<String, String> form, Duration timeout) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> new Reply(response.statusCode(), b)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
