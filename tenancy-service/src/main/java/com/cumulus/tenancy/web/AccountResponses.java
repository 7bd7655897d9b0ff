package com.cumulus.tenancy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 003 bodies: {@code {"meta":{"params":{"indent":N}},"content":...}}; {@code ?indent=N} (0..8) pretty-prints
 * with N spaces.
 */
@ApplicationScoped
public class AccountResponses {

    public static final String ALLOW_HEADER = "Allow";
    private final ObjectMapper mapper;

    public AccountResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response of(int status, Object content, Integer indent) {
        int n = indent == null ? 0 : Math.max(0, Math.min(8, indent));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("params", Map.of("indent", n)));
        body.put("content", content);
        try {
            String text;
            if (n == 0) {
                text = mapper.writeValueAsString(body);
            } else {
                DefaultIndenter indenter = new DefaultIndenter(" ".repeat(n), "\n");
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter)
                        .withArrayIndenter(indenter);
                text = mapper.writer(printer).writeValueAsString(body);
            }
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(text).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to {@code OPTIONS} on a seed 003 path. */
    public static Response options(String methods) {
        return Response.ok().header(ALLOW_HEADER, methods + ", OPTIONS").build();
    }
}
