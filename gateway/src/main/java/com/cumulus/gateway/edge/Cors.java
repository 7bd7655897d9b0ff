package com.cumulus.gateway.edge;

import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.routing.OperationCatalog;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** CORS for browser callers (configurable origins) and the {@code OPTIONS} answer seed 003 lists on every path. */
@Singleton
public class Cors {

    private final boolean anyOrigin;
    private final Set<String> origins;
    private final String methods;
    private final Set<String> headers;
    private final String headerList;
    private final String exposed;
    private final String maxAge;

    public Cors(GatewayConfig config) {
        GatewayConfig.Cors cors = config.cors();
        this.anyOrigin = cors.origins().contains("*");
        this.origins = Set.copyOf(cors.origins());
        this.methods = String.join(", ", cors.methods());
        this.headers = cors.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.headerList = String.join(", ", cors.headers());
        this.exposed = String.join(", ", cors.exposedHeaders());
        this.maxAge = Long.toString(cors.maxAge().toSeconds());
    }

    /** Adds the CORS response headers when the request comes from an allowed origin. */
    public void decorate(HttpServerRequest request, HttpServerResponse response) {
        String origin = request.getHeader("Origin");
        if (origin != null && allowed(origin)) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true")
                    .putHeader("Access-Control-Expose-Headers", exposed)
                    .putHeader("Vary", "Origin");
        }
    }

    /**
     * Answers an {@code OPTIONS} request: the methods the suite serves at this path (the configured list when the
     * path is not one of the seed operations'), plus the preflight grant for allowed origins.
     */
    public void answerOptions(HttpServerRequest request, String requestId) {
        HttpServerResponse response = request.response();
        decorate(request, response);
        Set<String> served = OperationCatalog.methodsAt(request.path());
        String allow = served.isEmpty() ? methods : String.join(", ", served);
        String origin = request.getHeader("Origin");
        if (origin != null && allowed(origin) && request.getHeader("Access-Control-Request-Method") != null) {
            response.putHeader("Access-Control-Allow-Methods", allow)
                    .putHeader("Access-Control-Allow-Headers", requestedHeaders(request))
                    .putHeader("Access-Control-Max-Age", maxAge);
        }
        response.setStatusCode(204)
                .putHeader("Allow", allow)
                .putHeader("X-Request-Id", requestId)
                .end();
    }

    private String requestedHeaders(HttpServerRequest request) {
        String requested = request.getHeader("Access-Control-Request-Headers");
        if (requested == null || requested.isBlank()) {
            return headerList;
        }
        String granted = java.util.Arrays.stream(requested.split(","))
                .map(String::trim)
                .filter(h -> headers.contains(h.toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining(", "));
        return granted.isEmpty() ? headerList : granted;
    }

    private boolean allowed(String origin) {
        return anyOrigin || origins.contains(origin);
    }
}
