package com.cumulus.gateway.edge;

import com.cumulus.common.errors.Dialect;
import com.cumulus.common.events.RequestIds;
import com.cumulus.gateway.server.ClientRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.json.Json;

import java.util.Map;

/** Errors the gateway answers itself, in the dialect of the request path (docs/errors.md). */
public final class Replies {

    private Replies() {
    }

    public static void reject(ClientRequest request, int status, String message, String requestId,
                              Long retryAfterSeconds) {
        if (request.responseEnded() || request.gone()) {
            return;
        }
        if (request.responseStarted()) {
            request.reset();
            return;
        }
        Map<String, Object> body = Dialect.fromPath(request.path())
                .errorBody(status, Dialect.defaultCode(status), message, null, requestId);
        HttpHeaders headers = new DefaultHttpHeaders(false)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(RequestIds.HEADER, requestId);
        if (retryAfterSeconds != null) {
            headers.set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (status == 401) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"cumulus\"");
        }
        request.answer(status, headers, Json.encode(body));
    }
}
