package com.cumulus.common.errors;

import com.cumulus.common.web.RequestIdFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** One mapper set for every dialect: the path picks the body style, the exception picks the status. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), e.status(), e.code(), e.getMessage(), e.field().orElse(null),
                RequestIdFilter.current(request), e.retryAfterSeconds().orElse(null));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> fieldOf(v.getPropertyPath())))
                .orElse(null);
        String field = first == null ? null : fieldOf(first.getPropertyPath());
        String message = e.getConstraintViolations().stream()
                .map(v -> fieldOf(v.getPropertyPath()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(request.path(), 400, "invalid_request", message, field,
                RequestIdFilter.current(request), null);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String message = field == null ? "request body is not valid JSON" : field + ": invalid value";
        return ErrorResponses.of(request.path(), 400, "invalid_request", message, field,
                RequestIdFilter.current(request), null);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 401, "unauthorized", "authentication required", null,
                RequestIdFilter.current(request), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 403, "access_denied", "not permitted", null,
                RequestIdFilter.current(request), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String message = status >= 500 ? "internal error" : safeMessage(e, status);
        return ErrorResponses.of(request.path(), status, Dialect.defaultCode(status), message, null,
                RequestIdFilter.current(request), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.error("unhandled error", e);
        return ErrorResponses.of(request.path(), 500, "server_error", "internal error", null,
                RequestIdFilter.current(request), null);
    }

    private static String safeMessage(WebApplicationException e, int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known == null ? "request failed" : known.getReasonPhrase().toLowerCase();
        return switch (status) {
            case 400 -> "bad request";
            case 404 -> "resource not found";
            case 405 -> "method not allowed";
            case 415 -> "unsupported media type";
            default -> reason;
        };
    }

    /**
     * The field as the caller knows it: {@code create(body).name} → {@code name}. Method and parameter nodes are
     * dropped; a violation on the parameter itself (e.g. a missing body) keeps the parameter's name.
     */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (name != null) {
                names.add(node.getIndex() != null ? name + "[" + node.getIndex() + "]" : name);
            }
        }
        return names.isEmpty() ? (parameter == null ? path.toString() : parameter) : String.join(".", names);
    }
}
