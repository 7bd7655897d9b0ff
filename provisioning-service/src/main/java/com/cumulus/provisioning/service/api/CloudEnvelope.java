package com.cumulus.provisioning.service.api;

import com.cumulus.common.web.RequestIdFilter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed 004's success body: {@code {"status":200,"requestId":"...","result":...}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEnvelope<T>(int status, String requestId, T result) {

    public static <T> CloudEnvelope<T> ok(T result) {
        return new CloudEnvelope<>(200, RequestIdFilter.current(), result);
    }

    public static CloudEnvelope<Void> empty() {
        return new CloudEnvelope<>(200, RequestIdFilter.current(), null);
    }
}
