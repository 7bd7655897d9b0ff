package com.cumulus.common.events;

/** Where the current request id lives while a request or an event is being handled. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Set by the caller resolution so events record who acted and from where. */
    public static final String MDC_ACTOR_TYPE = "actorType";
    public static final String MDC_SOURCE_IP = "sourceIp";

    private RequestIds() {
    }
}
