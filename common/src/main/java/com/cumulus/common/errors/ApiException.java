package com.cumulus.common.errors;

import java.util.Optional;

/**
 * A failure the caller can act on. Each dialect renders it in its own error body; {@code field} names the offending
 * input for validation errors.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String message, String field, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", field + ": " + message, field, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message, null, null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "access_denied", message, null, null);
    }

    /** Also what a caller gets for another tenant's resource: its existence is not revealed. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", null, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null, null);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "gone", message, null, null);
    }

    public static ApiException unprocessable(String field, String message) {
        return new ApiException(422, "unprocessable_entity", message, field, null);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", "rate limit exceeded", null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }
}
