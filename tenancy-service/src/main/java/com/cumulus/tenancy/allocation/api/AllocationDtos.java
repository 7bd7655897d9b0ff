package com.cumulus.tenancy.allocation.api;

import com.cumulus.tenancy.allocation.domain.Allocation;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos.Tag;
import com.cumulus.tenancy.organization.api.identity.IdentityDtos.WriteMetadata;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** Seed 001 allocation shapes ({@code allocationWrite}, {@code allocationRead}, {@code resourceAllocation}). */
public final class AllocationDtos {

    private AllocationDtos() {
    }

    /** resourceAllocation: a quota kind and how much of it is committed (always in use) and reserved (may be used). */
    public record ResourceAllocation(
            @NotNull @Pattern(regexp = "services|projects|memory_gb", message = "must be services, projects or memory_gb") String kind,
            @NotNull @Min(0) @Max(1_000_000) Integer committed,
            @NotNull @Min(0) @Max(1_000_000) Integer reserved) {
    }

    /** allocationSpec: the owning resource ({@code kind}, {@code id}) and what it holds. */
    public record AllocationSpec(@NotBlank @Size(max = 63) String kind, @NotBlank @Size(max = 255) String id,
                                 @NotNull @Size(max = 16) List<@NotNull @Valid ResourceAllocation> allocations) {
    }

    public record AllocationWrite(@NotNull @Valid WriteMetadata metadata, @NotNull @Valid AllocationSpec spec) {
    }

    /** projectScopedResourceReadMetadata. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AllocationReadMetadata(String id, String name, String description, List<Tag> tags,
                                         String organizationId, String projectId, OffsetDateTime creationTime,
                                         String createdBy, OffsetDateTime modifiedTime, String modifiedBy,
                                         String provisioningStatus, String healthStatus) {
    }

    public record AllocationRead(AllocationReadMetadata metadata, AllocationSpec spec) {
        public static AllocationRead of(Allocation a) {
            return new AllocationRead(new AllocationReadMetadata(a.id.toString(), a.name, a.description,
                    IdentityDtos.tags(a.tags), a.organizationId.toString(), a.projectId.toString(), a.createdAt,
                    a.createdBy, a.modifiedAt, a.modifiedBy, "provisioned", "healthy"),
                    new AllocationSpec(a.ownerKind, a.ownerId, a.itemList().stream()
                            .map(i -> new ResourceAllocation(i.kind(), i.committed(), i.reserved())).toList()));
        }
    }
}
