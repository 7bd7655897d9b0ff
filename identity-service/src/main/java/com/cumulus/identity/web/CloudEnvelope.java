package com.cumulus.identity.web;

import com.cumulus.common.web.RequestIdFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seed 004's body style: {@code {"status":200,"requestId":"...","result":...}}. */
public final class CloudEnvelope {

    private CloudEnvelope() {
    }

    public static Response ok(Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        body.put("requestId", RequestIdFilter.current());
        if (result != null) {
            body.put("result", result);
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
