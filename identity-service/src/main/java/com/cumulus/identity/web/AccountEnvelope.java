package com.cumulus.identity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seed 003's body style: {@code {"meta":{"params":{"indent":N}},"content":...}}; {@code indent > 0} pretty-prints. */
@ApplicationScoped
public class AccountEnvelope {

    private final ObjectMapper mapper;

    public AccountEnvelope(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response of(int status, Integer indent, Object content) {
        int n = indent == null || indent < 0 ? 0 : Math.min(indent, 16);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("params", Map.of("indent", n)));
        body.put("content", content);
        try {
            String json;
            if (n == 0) {
                json = mapper.writeValueAsString(body);
            } else {
                DefaultIndenter indenter = new DefaultIndenter(" ".repeat(n), DefaultIndenter.SYS_LF);
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withObjectIndenter(indenter).withArrayIndenter(indenter);
                json = mapper.writer(printer).writeValueAsString(body);
            }
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
