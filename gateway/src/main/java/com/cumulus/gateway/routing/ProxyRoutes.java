package com.cumulus.gateway.routing;

import com.cumulus.common.errors.Dialect;
import com.cumulus.common.errors.ErrorResponses;
import com.cumulus.common.events.RequestIds;
import com.cumulus.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Streams each request to the service that owns it (no body buffering), stamping a request id on the way. */
@ApplicationScoped
public class ProxyRoutes {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Map<Upstream, HttpProxy> proxies = new EnumMap<>(Upstream.class);
    private final GatewayConfig config;

    public ProxyRoutes(GatewayConfig config) {
        this.config = config;
    }

    void register(@Observes Router router, Vertx vertx) {
        proxies.put(Upstream.IDENTITY, proxyTo(vertx, config.identityUrl()));
        proxies.put(Upstream.TENANCY, proxyTo(vertx, config.tenancyUrl()));
        proxies.put(Upstream.CATALOG, proxyTo(vertx, config.catalogUrl()));
        proxies.put(Upstream.PROVISIONING, proxyTo(vertx, config.provisioningUrl()));
        router.route().order(10).handler(this::route);
    }

    private HttpProxy proxyTo(Vertx vertx, String baseUrl) {
        URI uri = URI.create(baseUrl);
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.upstreamIdleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(config.maxConnectionsPerUpstream())
                .setKeepAlive(true);
        HttpClient client = vertx.createHttpClient(options);
        return HttpProxy.reverseProxy(client).origin(uri.getPort(), uri.getHost());
    }

    private void route(RoutingContext context) {
        String path = context.request().path();
        if (path.startsWith("/q/")) {
            context.next();
            return;
        }
        String requestId = context.request().getHeader(RequestIds.HEADER);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            context.request().headers().set(RequestIds.HEADER, requestId);
        }
        String id = requestId;
        RouteTable.resolve(context.request().method().name(), path).ifPresentOrElse(
                upstream -> proxies.get(upstream).handle(context.request()),
                () -> reject(context.response(), path, 404, "no such operation", id));
    }

    static void reject(HttpServerResponse response, String path, int status, String message, String requestId) {
        Map<String, Object> body = Dialect.fromPath(path)
                .errorBody(status, ErrorResponses.defaultCode(status), message, null, requestId);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader(RequestIds.HEADER, requestId)
                .end(Json.encode(body));
    }
}
