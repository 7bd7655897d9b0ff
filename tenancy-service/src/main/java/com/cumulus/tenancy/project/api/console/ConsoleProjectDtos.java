package com.cumulus.tenancy.project.api.console;

import com.cumulus.tenancy.project.domain.Project;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** Seed 000 project shapes (snake_case). */
public final class ConsoleProjectDtos {

    private ConsoleProjectDtos() {
    }

    /** Body of POST and PUT; {@code id} and {@code creation_date} are read-only and ignored. */
    public record ConsoleProjectWrite(String id,
                                      @Size(min = 1, max = 70) String name,
                                      @JsonProperty("customer_id") @Size(max = 128) String customerId,
                                      @JsonProperty("org_id") String orgId,
                                      @Size(max = 200) String description,
                                      @JsonProperty("creation_date") OffsetDateTime creationDate,
                                      @Size(max = 32) String status,
                                      @Size(max = 64) String plan,
                                      @JsonProperty("template_id") @Size(max = 128) String templateId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleProject(String id, String name, @JsonProperty("customer_id") String customerId,
                                 @JsonProperty("org_id") String orgId, String description,
                                 @JsonProperty("creation_date") OffsetDateTime creationDate, String status, String plan,
                                 @JsonProperty("template_id") String templateId) {
        public static ConsoleProject of(Project p) {
            return new ConsoleProject(p.id.toString(), p.name, p.customerId, p.organizationId.toString(), p.description,
                    p.createdAt, p.status, p.plan, p.templateId);
        }
    }

    public record ConsoleProfileWrite(@Size(min = 1, max = 70) String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleProfile(String id, String name, String description, @JsonProperty("org_id") String orgId,
                                 @JsonProperty("creation_date") OffsetDateTime creationDate) {
        public static ConsoleProfile of(Project p) {
            return new ConsoleProfile(p.id.toString(), p.name, p.description, p.organizationId.toString(), p.createdAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleProjectUser(@JsonProperty("user_id") String userId, String email, String name,
                                     java.util.Set<String> roles, String state) {
    }
}
