package com.cumulus.catalog.web;

import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seed 003 bodies: {@code {"meta":{"params":{"indent":N}},"content":...}}; {@code ?indent=N} pretty-prints. */
@ApplicationScoped
public class AccountEnvelope {
    private final ObjectMapper mapper;

    public AccountEnvelope(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses {@code indent}: absent is 0; 0..16 accepted. */
    public static int indent(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0 || value > 16) {
                throw ApiException.invalid("indent", "must be between 0 and 16");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("indent", "must be an integer");
        }
    }

    public Response of(int status, Object content, int indent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("params", Map.of("indent", indent)));
        body.put("content", content);
        try {
            String text;
            if (indent == 0) {
                text = mapper.writeValueAsString(body);
            } else {
                DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withObjectIndenter(indenter).withArrayIndenter(indenter);
                text = mapper.writer(printer).writeValueAsString(body);
            }
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(text).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response options(String allow) {
        return Response.ok().header("Allow", allow).build();
    }
}
