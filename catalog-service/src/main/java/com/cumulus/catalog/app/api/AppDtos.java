package com.cumulus.catalog.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Seed 002 bodies for applications, application types and credentials. */
public final class AppDtos {
    static final String NAME = "[A-Za-z0-9._-]+";
    static final String NAME_MESSAGE = "may hold letters, digits, '.', '_' and '-'";

    private AppDtos() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppRead(String type, String apiVersion, String id, String name, String title, String summary,
                          String state, String appType, String applicationType, List<String> redirectEndpoints,
                          String clientId, String clientSecret, JsonNode metadata, String orgUrl, String createdAt,
                          String updatedAt, String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AppWrite(
            @NotBlank @Size(max = 255) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String state,
            @Pattern(regexp = "development|production", message = "must be development or production") String appType,
            @Pattern(regexp = "public|confidential", message = "must be public or confidential") String applicationType,
            List<@NotBlank @Size(max = 2048) String> redirectEndpoints,
            JsonNode metadata) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AppPatch(
            @Size(min = 1, max = 255) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String state,
            @Pattern(regexp = "development|production", message = "must be development or production") String appType,
            @Pattern(regexp = "public|confidential", message = "must be public or confidential") String applicationType,
            List<@NotBlank @Size(max = 2048) String> redirectEndpoints,
            JsonNode metadata) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialRead(String type, String apiVersion, String id, String name, String title,
                                 String summary, String clientId, String clientSecret, String state,
                                 JsonNode metadata, String appUrl, String createdAt, String updatedAt, String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialWrite(
            @Size(min = 1, max = 255) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            JsonNode metadata) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SecretCheck(@NotBlank @Size(max = 1024) String clientSecret) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SecretCheckResult(String type, String apiVersion, boolean verified) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OauthTypes(String clientType, List<String> grantTypes) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApplicationTypeRead(String type, String apiVersion, String id, String name, String title,
                                      String summary, OauthTypes oauthTypes, String url) {
    }
}
