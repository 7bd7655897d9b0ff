package com.cumulus.common.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five seed APIs' body styles, told apart by path prefix (see docs/errors.md). Each renders errors its own way.
 */
public enum Dialect {
    /** Seed 000, {@code /console/...}: snake_case JSON. */
    CONSOLE {
        @Override
        public Map<String, Object> errorBody(int status, String code, String message, String field, String requestId) {
            Map<String, Object> body = ordered("error", code, "message", message);
            putIfPresent(body, "field", field);
            putIfPresent(body, "request_id", requestId);
            return body;
        }
    },
    /** Seed 001, OIDC and identity API: {@code {error, error_description}} with OAuth2-style codes. */
    IDENTITY {
        @Override
        public Map<String, Object> errorBody(int status, String code, String message, String field, String requestId) {
            Map<String, Object> body = ordered("error", code, "error_description", message);
            putIfPresent(body, "field", field);
            return body;
        }
    },
    /** Seed 002, API Connect consumer API. */
    CONNECT {
        @Override
        public Map<String, Object> errorBody(int status, String code, String message, String field, String requestId) {
            Map<String, Object> body = ordered("status", status, "message", List.of(message));
            putIfPresent(body, "field", field);
            putIfPresent(body, "request_id", requestId);
            return body;
        }
    },
    /** Seed 003, account API: the {@code meta} envelope with an {@code error} object. */
    ACCOUNT {
        @Override
        public Map<String, Object> errorBody(int status, String code, String message, String field, String requestId) {
            Map<String, Object> error = ordered("type", accountErrorType(status), "message", message);
            putIfPresent(error, "field", field);
            return ordered("meta", Map.of("params", Map.of("indent", 0)), "error", error);
        }
    },
    /** Seed 004, managed-service cloud API: {@code {status, error, requestId}}. */
    CLOUD {
        @Override
        public Map<String, Object> errorBody(int status, String code, String message, String field, String requestId) {
            Map<String, Object> body = ordered("status", status, "error", message);
            putIfPresent(body, "requestId", requestId);
            return body;
        }
    };

    public abstract Map<String, Object> errorBody(int status, String code, String message, String field,
                                                  String requestId);

    public static Dialect fromPath(String rawPath) {
        String path = rawPath == null ? "/" : rawPath;
        if (path.startsWith("/console/") || path.equals("/console")) {
            return CONSOLE;
        }
        if (path.startsWith("/v1/")) {
            return CLOUD;
        }
        if (path.startsWith("/.well-known/") || path.startsWith("/oauth2/v2/") || path.startsWith("/oidc/")
                || path.startsWith("/api/v1/acl") || path.startsWith("/api/v1/oauth2providers")
                || path.startsWith("/api/v1/organizations")) {
            return IDENTITY;
        }
        if (path.startsWith("/api/v1/")) {
            return ACCOUNT;
        }
        return CONNECT;
    }

    static String accountErrorType(int status) {
        return switch (status) {
            case 400, 422 -> "Invalid Params";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 424, 502, 503, 504 -> "Failed Dependency";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The error code a status gets when the thrower names none (used by the services and by the gateway). */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "access_denied";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 502, 503, 504 -> "temporarily_unavailable";
            default -> status >= 500 ? "server_error" : "invalid_request";
        };
    }
}
