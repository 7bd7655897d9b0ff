package com.cumulus.tenancy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers for values stored as JSON text (tags, metadata, private endpoints). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type, T fallback) {
        if (json == null || json.isBlank()) {
            return fallback;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }

    /** Tags are stored as a name -> value map (seed 001 tags [{name,value}], seed 002 metadata {k: v}). */
    public static Map<String, String> tags(String json) {
        return read(json, new TypeReference<LinkedHashMap<String, String>>() { }, new LinkedHashMap<>());
    }

    public static List<Map<String, String>> list(String json) {
        return read(json, new TypeReference<List<Map<String, String>>>() { }, List.of());
    }
}
