package com.cumulus.tenancy.project.api.identity;

import com.cumulus.tenancy.organization.api.identity.IdentityDtos;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos.Tag;
import com.cumulus.tenancy.organization.service.Names;
import com.cumulus.tenancy.project.domain.Project;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Seed 001 project shapes ({@code projectRead}, {@code projectWrite}). */
public final class IdentityProjectDtos {

    private IdentityProjectDtos() {
    }

    public record ProjectWriteMetadata(
            @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL_REGEX, message = "must be a valid Kubernetes label value") String name,
            @Size(max = 1024) String description,
            List<@Valid Tag> tags) {
    }

    public record ProjectSpec(List<@Size(max = 64) String> groupIDs) {
    }

    public record ProjectWrite(@NotNull @Valid ProjectWriteMetadata metadata, @Valid ProjectSpec spec) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectReadMetadata(String id, String name, String description, List<Tag> tags,
                                      String organizationId, OffsetDateTime creationTime, String createdBy,
                                      OffsetDateTime modifiedTime, String modifiedBy, String provisioningStatus,
                                      String healthStatus) {
    }

    public record ProjectRead(ProjectReadMetadata metadata, ProjectSpec spec) {
        public static ProjectRead of(Project p) {
            return new ProjectRead(new ProjectReadMetadata(p.id.toString(), p.name, p.description,
                    IdentityDtos.tags(p.tags), p.organizationId.toString(), p.createdAt, p.createdBy, p.modifiedAt,
                    p.modifiedBy, "provisioned", "healthy"),
                    new ProjectSpec(p.groupIds == null || p.groupIds.isBlank() ? List.of()
                            : Arrays.asList(p.groupIds.split(","))));
        }
    }
}
