package com.cumulus.common.web.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactionTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void secretsAreNulledAtAnyDepthAndEverythingElseIsKept() throws Exception {
        JsonNode answer = mapper.readTree("""
                {"status":200,"requestId":"r1","result":{"service":{"id":"s1","name":"db"},"password":"p4ss"},
                 "client_id":"c1","client_secret":"s3cret","clientSecret":"s3cret","token":"t0k",
                 "access_token":"a","refresh_token":"r","id_token":"i","token_type":"Bearer","tokenCount":3,
                 "items":[{"generatedPassword":"x","passwordHashAlgorithm":"sha256"}]}""");
        IdempotencyFilter.redactSecrets(answer);
        assertThat(answer.at("/result/password").isNull()).isTrue();
        assertThat(answer.at("/result/service/name").asText()).isEqualTo("db");
        for (String field : new String[] {"client_secret", "clientSecret", "token", "access_token", "refresh_token",
                "id_token"}) {
            assertThat(answer.get(field).isNull()).as(field).isTrue();
        }
        assertThat(answer.at("/items/0/generatedPassword").isNull()).isTrue();
        assertThat(answer.at("/items/0/passwordHashAlgorithm").asText()).isEqualTo("sha256");
        assertThat(answer.get("client_id").asText()).isEqualTo("c1");
        assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.get("tokenCount").asInt()).isEqualTo(3);
        assertThat(answer.get("requestId").asText()).isEqualTo("r1");
    }
}
