package com.cumulus.identity.web;

import com.cumulus.common.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.Set;

/** Bean Validation of request bodies, failing with a 400 that names the first offending field. */
@ApplicationScoped
public class Validation {

    private final Validator validator;

    public Validation(Validator validator) {
        this.validator = validator;
    }

    public <T> T check(T body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        violations.stream().min(Comparator.comparing(v -> v.getPropertyPath().toString())).ifPresent(v -> {
            throw ApiException.invalid(v.getPropertyPath().toString(), v.getMessage());
        });
        return body;
    }
}
