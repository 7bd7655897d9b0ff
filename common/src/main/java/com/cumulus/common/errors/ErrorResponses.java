package com.cumulus.common.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the error response of the request's dialect. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(String path, int status, String code, String message, String field,
                              String requestId, Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Dialect.fromPath(path).errorBody(status, code, message, field, requestId));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

}
