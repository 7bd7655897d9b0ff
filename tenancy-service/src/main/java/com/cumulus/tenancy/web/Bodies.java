package com.cumulus.tenancy.web;

import com.cumulus.common.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.Set;

/**
 * Validates request bodies and names the offending field as the client wrote it ({@code metadata.name}), without the
 * Java parameter name a method-level {@code @Valid} would prefix.
 */
@ApplicationScoped
public class Bodies {

    private final Validator validator;

    public Bodies(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(T body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            String field = first.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "")
                    .replaceAll("<[^>]+>", "");
            throw ApiException.invalid(field, first.getMessage());
        }
        return body;
    }
}
