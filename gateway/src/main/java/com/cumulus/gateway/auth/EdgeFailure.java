package com.cumulus.gateway.auth;

/** A request refused at the edge; rendered in the caller's dialect with this status. */
public class EdgeFailure extends RuntimeException {

    private final int status;
    private final Long retryAfterSeconds;

    public EdgeFailure(int status, String message) {
        this(status, message, null);
    }

    public EdgeFailure(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static EdgeFailure unauthorized(String message) {
        return new EdgeFailure(401, message);
    }

    public int status() {
        return status;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
