package com.cumulus.catalog.web;

import com.cumulus.common.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.Set;

/**
 * Validates seed 000/002 request bodies and answers 400 naming the field as the client wrote it, in snake_case
 * ({@code product_url}, {@code plans[0].rate_limit}). Common's Bean Validation mapper (used with {@code @Valid} for
 * the flat camelCase seed 003 bodies) names Java property names ({@code productUrl}) and puts a list index after the
 * element's property ({@code plans.rateLimit[0]}), which is not what a snake_case client sent; hence this helper.
 */
@ApplicationScoped
public class BodyValidator {
    private final Validator validator;

    public BodyValidator(Validator validator) {
        this.validator = validator;
    }

    /** Seed 000 / 002 bodies: snake_case field names. */
    public <T> T snake(T body) {
        return check(body);
    }

    private <T> T check(T body) {
        if (body == null) {
            throw ApiException.badRequest("a request body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        violations.stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    String field = field(v.getPropertyPath());
                    throw ApiException.invalid(field, v.getMessage());
                });
        return body;
    }

    private static String field(Path path) {
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
            out.append(snakeCase(node.getName()));
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
