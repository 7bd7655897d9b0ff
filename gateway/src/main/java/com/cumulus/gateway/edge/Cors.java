package com.cumulus.gateway.edge;

import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.routing.OperationCatalog;
import com.cumulus.gateway.server.ClientRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
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
    public void decorate(ClientRequest request) {
        String origin = request.header("Origin");
        if (origin != null && allowed(origin)) {
            request.decorate("Access-Control-Allow-Origin", origin);
            request.decorate("Access-Control-Allow-Credentials", "true");
            request.decorate("Access-Control-Expose-Headers", exposed);
            request.decorate("Vary", "Origin");
        }
    }

    /**
     * Answers an {@code OPTIONS} request: the methods the suite serves at this path (the configured list when the
     * path is not one of the seed operations'), plus the preflight grant for allowed origins.
     */
    public void answerOptions(ClientRequest request, String requestId) {
        Set<String> served = OperationCatalog.methodsAt(request.path());
        String allow = served.isEmpty() ? methods : String.join(", ", served);
        HttpHeaders response = new DefaultHttpHeaders(false);
        String origin = request.header("Origin");
        if (origin != null && allowed(origin) && request.header("Access-Control-Request-Method") != null) {
            response.set("Access-Control-Allow-Methods", allow)
                    .set("Access-Control-Allow-Headers", requestedHeaders(request))
                    .set("Access-Control-Max-Age", maxAge);
        }
        response.set("Allow", allow).set("X-Request-Id", requestId);
        request.answer(204, response, (byte[]) null);
    }

    private String requestedHeaders(ClientRequest request) {
        String requested = request.header("Access-Control-Request-Headers");
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
