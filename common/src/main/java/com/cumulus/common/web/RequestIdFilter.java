package com.cumulus.common.web;

import com.cumulus.common.events.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts the gateway's {@code X-Request-Id} (or makes one), keeps it in the MDC so logs and outbox events carry it,
 * and returns it on the response.
 */
public class RequestIdFilter {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String PROPERTY = "cumulus.requestId";

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext context) {
        String incoming = context.getHeaderString(RequestIds.HEADER);
        String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        context.setProperty(PROPERTY, id);
        MDC.put(RequestIds.MDC_KEY, id);
        // the gateway sets X-Real-IP (stripping any inbound one) to the client it resolved from trusted proxies
        String realIp = context.getHeaderString("X-Real-IP");
        String forwarded = context.getHeaderString("X-Forwarded-For");
        if (realIp != null && !realIp.isBlank()) {
            MDC.put(RequestIds.MDC_SOURCE_IP, realIp.trim());
        } else if (forwarded != null && !forwarded.isBlank()) {
            MDC.put(RequestIds.MDC_SOURCE_IP, forwarded.split(",")[0].trim());
        }
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }

    /** The id of the request being handled, for bodies that carry it (seed 004's {@code requestId}). */
    public static String current(HttpServerRequest request) {
        Object fromMdc = MDC.get(RequestIds.MDC_KEY);
        if (fromMdc != null) {
            return fromMdc.toString();
        }
        String header = request == null ? null : request.getHeader(RequestIds.HEADER);
        return header != null && SAFE.matcher(header).matches() ? header : null;
    }

    public static String current() {
        Object fromMdc = MDC.get(RequestIds.MDC_KEY);
        return fromMdc == null ? null : fromMdc.toString();
    }
}
