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
            throw ApiException.invalid(jsonName(first.getLeafBean(), field), first.getMessage());
        }
        return body;
    }

    /** The last path segment as the JSON property the client wrote ({@code lastFour} -> {@code last_four}). */
    static String jsonName(Object leafBean, String path) {
        if (leafBean == null) {
            return path;
        }
        int dot = path.lastIndexOf('.');
        String leaf = path.substring(dot + 1);
        String bare = leaf.replaceAll("\\[.*$", "");
        for (Class<?> c = leafBean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(bare);
                com.fasterxml.jackson.annotation.JsonProperty json =
                        f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return path.substring(0, dot + 1) + json.value() + leaf.substring(bare.length());
                }
                return path;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return path;
    }
}
