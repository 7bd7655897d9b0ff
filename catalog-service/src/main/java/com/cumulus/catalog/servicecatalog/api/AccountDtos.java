package com.cumulus.catalog.servicecatalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Seed 003 bodies (camelCase) for the service catalog, project services, consumers and consumer tokens. */
public final class AccountDtos {
    private AccountDtos() {
    }

    @RegisterForReflection
    public record ServiceItemWrite(
            @NotBlank @Size(max = 70) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String codeName,
            @NotBlank @Size(max = 70) String name,
            @Size(max = 200) String description) {
    }

    @RegisterForReflection
    public record ServiceItemResult(String name, String description, String codeName) {
    }

    /** Seed 003 shows both {@code serviceCatalogCode} and {@code codeName} for the catalog code; either is read. */
    @RegisterForReflection
    public record ProjectServiceWrite(
            @Size(max = 70) String serviceCatalogCode,
            @Size(max = 70) String codeName,
            @NotBlank @Size(max = 70) String name,
            @Size(max = 200) String description) {
        public String code() {
            return serviceCatalogCode != null ? serviceCatalogCode : codeName;
        }
    }

    @RegisterForReflection
    public record ProjectServiceResult(String id, int itemLimit, long itemUsed, String name, String description,
                                       String serviceCatalogCode) {
    }

    @RegisterForReflection
    public record ConsumerWrite(@Size(max = 255) String organizationId) {
    }

    @RegisterForReflection
    public record ConsumerResult(String id) {
    }

    @RegisterForReflection
    public record ProjectConsumerWrite(@NotBlank @Size(max = 32) String consumerId) {
    }

    @RegisterForReflection
    public record ProjectConsumerResult(String consumerId) {
    }

    @RegisterForReflection
    public record ConsumerTokenWrite(@NotBlank @Size(max = 32) String consumerId,
                                     @NotBlank @Size(max = 255) String projectId,
                                     @NotBlank @Size(max = 70) String serviceCatalogCode) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsumerTokenResult(String id, String consumerId, String projectId, String serviceCatalogCode,
                                      String token) {
    }
}
