package com.cumulus.identity.apikey.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Seed 004 API-key bodies. */
public final class ApiKeyDtos {

    private ApiKeyDtos() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyResult(String id, String name, String state, List<String> roles, String keySuffix,
                            String createdAt, String expireAt, String usedAt) {
    }

    public record KeyCreatedResult(KeyResult key, String keyId, String keySecret) {
    }
}
