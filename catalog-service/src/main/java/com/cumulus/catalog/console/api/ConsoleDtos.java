package com.cumulus.catalog.console.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Seed 000 console bodies: snake_case JSON. */
public final class ConsoleDtos {
    private ConsoleDtos() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ParameterView(String name, String description, String type, boolean required,
                                @JsonProperty("default") String defaultValue) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceView(String name, String provider, String region, String tier, int memoryGb) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TemplateView(String id, String name, String description, List<ParameterView> parameters,
                               List<ServiceView> services, String creationDate) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AppDetails(String id, String name, String title, String description, String orgId,
                             String projectId, String state, String appType, String applicationType,
                             List<String> clientIds, List<String> redirectEndpoints, String creationDate,
                             String updatedDate) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GatewayServiceView(String serviceId, String projectId, boolean enabled, String enabledBy,
                                     String enabledDate) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ParameterWrite(@NotBlank @Size(max = 255) String name, @Size(max = 1023) String description,
                                 @Size(max = 32) String type, boolean required,
                                 @JsonProperty("default") @Size(max = 1023) String defaultValue) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceWrite(@NotBlank @Size(max = 255) String name, @NotBlank @Size(max = 32) String provider,
                               @NotBlank @Size(max = 64) String region,
                               @NotBlank @Pattern(regexp = "development|production", message = "must be development or production") String tier,
                               @Min(8) @Max(720) int memoryGb) {
    }

    /** Platform-admin input for a new template (internal path). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TemplateWrite(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "may hold lowercase letters, digits and '-'") String id,
            @NotBlank @Size(max = 255) String name,
            @Size(max = 1023) String description,
            List<@Valid ParameterWrite> parameters,
            @NotNull @Size(min = 1, message = "needs at least one service") List<@Valid ServiceWrite> services) {
    }
}
