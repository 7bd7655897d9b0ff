package com.cumulus.gateway.edge;

import com.cumulus.common.errors.Dialect;
import com.cumulus.common.events.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

import java.util.Map;

/** Errors the gateway answers itself, in the dialect of the request path (docs/errors.md). */
public final class Replies {

    private Replies() {
    }

    public static void reject(HttpServerRequest request, int status, String message, String requestId,
                              Long retryAfterSeconds) {
        HttpServerResponse response = request.response();
        if (!request.isEnded()) {
            request.resume();
        }
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Map<String, Object> body = Dialect.fromPath(request.path())
                .errorBody(status, Dialect.defaultCode(status), message, null, requestId);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader(RequestIds.HEADER, requestId);
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"cumulus\"");
        }
        response.end(Json.encode(body));
    }
}
