package com.cumulus.catalog.web;

import com.cumulus.common.errors.ApiException;

import java.util.List;

/**
 * Seed 002 list paging: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}; a larger value
 * is clamped to the maximum) and {@code ?offset=} (default 0) over a stable order; {@code total_results} stays the size
 * of the whole list so a client knows how many pages there are. A limit below 1, a negative offset or a value that is
 * not an integer is a 400 naming {@code limit} or {@code offset}.
 */
public record Paging(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static Paging of(String limit, String offset) {
        int l = parse("limit", limit, DEFAULT_LIMIT);
        if (l < 1) {
            throw ApiException.invalid("limit", "must be at least 1");
        }
        int o = parse("offset", offset, 0);
        if (o < 0) {
            throw ApiException.invalid("offset", "must not be negative");
        }
        return new Paging(Math.min(l, MAX_LIMIT), o);
    }

    private static int parse(String field, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "must be an integer");
        }
    }

    /** This page of a list (empty past its end). */
    public <T> List<T> of(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }

    /** A key naming this page, for caches of rendered pages. */
    public String key() {
        return limit + ":" + offset;
    }
}
