package com.cumulus.tenancy.web;

import com.cumulus.common.web.RequestIdFilter;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Seed 004 bodies: {@code {"status":200,"requestId":"...","result":...}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudBody<T>(int status, String requestId, T result) {

    public static <T> CloudBody<T> ok(T result) {
        return new CloudBody<>(200, RequestIdFilter.current(), result);
    }

    public static CloudBody<Void> empty() {
        return new CloudBody<>(200, RequestIdFilter.current(), null);
    }
}
