package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.domain.ApiRef;
import com.cumulus.catalog.product.domain.Plan;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Seed 002 (API Connect consumer API) bodies for products and APIs. */
public final class ProductDtos {
    private ProductDtos() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VisibilityBody(
            @NotBlank @Pattern(regexp = "public|authenticated|custom", message = "must be public, authenticated or custom")
            String type,
            List<@NotBlank String> orgIds) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiLink(String name, String version, String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductRead(String type, String apiVersion, String id, String name, String version, String title,
                              String summary, String state, VisibilityBody visibility, List<Plan> plans,
                              List<ApiLink> apis, JsonNode metadata, String createdAt, String updatedAt,
                              String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WsdlInfo(String contentType, String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiRead(String type, String apiVersion, String id, String name, String version, String title,
                          String summary, String state, String apiType, String documentSpecification,
                          VisibilityBody visibility, JsonNode info, WsdlInfo wsdl, JsonNode metadata,
                          String createdAt, String updatedAt, String url) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RateLimitWrite(@Min(1) long requests, @Min(1) long periodSeconds) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlanWrite(@NotBlank @Size(max = 255) String name, @Size(max = 1023) String title,
                            @NotNull @Valid RateLimitWrite rateLimit, boolean approval) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApiRefWrite(@NotBlank @Size(max = 255) String name, @NotBlank @Size(max = 255) String version) {
    }

    /** Platform-admin input for a new product version (starts pending). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductWrite(
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String name,
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String version,
            @NotBlank @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            @NotNull @Valid VisibilityBody visibility,
            @NotNull @Size(min = 1, message = "needs at least one plan") List<@Valid PlanWrite> plans,
            List<@Valid ApiRefWrite> apis,
            JsonNode metadata) {
    }

    /** Platform-admin input for a new API version (starts staged). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApiWrite(
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String name,
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'") String version,
            @NotBlank @Size(max = 1023) String title,
            @Size(max = 65535) String summary,
            @Pattern(regexp = "rest|wsdl", message = "must be rest or wsdl") String apiType,
            @NotNull @Valid VisibilityBody visibility,
            JsonNode document,
            @Size(max = 10000000) String wsdl,
            @Pattern(regexp = "application/wsdl\\+xml|application/wsdl|text/xml", message = "must be application/wsdl+xml, application/wsdl or text/xml")
            String wsdlContentType,
            JsonNode metadata) {
    }

    @RegisterForReflection
    public record StateChange(@NotBlank String state) {
    }

    static List<ApiRef> refs(List<ApiRefWrite> apis) {
        return apis == null ? List.of() : apis.stream().map(a -> new ApiRef(a.name(), a.version())).toList();
    }
}
