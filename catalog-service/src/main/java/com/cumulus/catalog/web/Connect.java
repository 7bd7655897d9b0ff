package com.cumulus.catalog.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 002 representations: turns a DTO into a JSON tree, keeps only the fields the {@code fields} query parameter
 * names (comma-separated top-level names), and wraps lists as {@code {total_results, results}}. The tree is written
 * as JSON or YAML according to {@code Accept}.
 */
@ApplicationScoped
public class Connect {
    public static final String API_VERSION = "2.0.0";

    private final ObjectMapper mapper;

    public Connect(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode one(Object dto, String fields) {
        return select(mapper.valueToTree(dto), parse(fields));
    }

    public JsonNode list(List<?> dtos, String fields) {
        return page(dtos, dtos.size(), fields);
    }

    /** One page of a longer list: {@code total_results} is the size of the whole list. */
    public JsonNode page(List<?> dtos, int total, String fields) {
        Set<String> selected = parse(fields);
        ObjectNode body = mapper.createObjectNode();
        body.put("total_results", total);
        ArrayNode results = body.putArray("results");
        for (Object dto : dtos) {
            results.add(select(mapper.valueToTree(dto), selected));
        }
        return body;
    }

    private static Set<String> parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static JsonNode select(JsonNode node, Set<String> fields) {
        if (fields.isEmpty() || !(node instanceof ObjectNode object)) {
            return node;
        }
        object.retain(fields);
        return object;
    }
}
