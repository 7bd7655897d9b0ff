package com.cumulus.catalog.web;

import com.cumulus.common.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.Set;

/**
 * Validates request bodies and answers 400 naming the field as the client wrote it ({@code title},
 * {@code plans[0].rate_limit}), in snake_case for the seed 000/002 dialects or as declared for seed 003.
 */
@ApplicationScoped
public class BodyValidator {
    private final Validator validator;

    public BodyValidator(Validator validator) {
        this.validator = validator;
    }

    /** Seed 000 / 002 bodies: snake_case field names. */
    public <T> T snake(T body) {
        return check(body, true);
    }

    /** Seed 003 bodies: camelCase field names. */
    public <T> T camel(T body) {
        return check(body, false);
    }

    private <T> T check(T body, boolean snake) {
        if (body == null) {
            throw ApiException.badRequest("a request body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        violations.stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    String field = field(v.getPropertyPath(), snake);
                    throw ApiException.invalid(field, v.getMessage());
                });
        return body;
    }

    private static String field(Path path, boolean snake) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null || node.getName().startsWith("<")) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(snake ? snakeCase(node.getName()) : node.getName());
        }
        return out.toString();
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
