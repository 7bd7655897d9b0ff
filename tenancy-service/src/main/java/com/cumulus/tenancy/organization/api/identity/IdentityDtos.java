package com.cumulus.tenancy.organization.api.identity;

import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.organization.service.Names;
import com.cumulus.tenancy.web.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 001 organization shapes: {@code {metadata, spec}}. */
public final class IdentityDtos {

    private IdentityDtos() {
    }

    public record Tag(@NotBlank String name, String value) {
    }

    /** Metadata as written by clients (resourceWriteMetadata). */
    public record WriteMetadata(
            @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL_REGEX, message = "must be a valid Kubernetes label value") String name,
            @Size(max = 1024) String description,
            List<@Valid Tag> tags) {
    }

    public record OrganizationSpec(
            @Pattern(regexp = "adhoc|domain", message = "must be adhoc or domain") String organizationType,
            @Size(max = 253) String domain,
            String providerScope,
            String providerID,
            String googleCustomerID) {
    }

    /** organizationWrite. */
    public record OrganizationWrite(@NotNull @Valid WriteMetadata metadata, @Valid OrganizationSpec spec) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReadMetadata(String id, String name, String description, List<Tag> tags, OffsetDateTime creationTime,
                               String createdBy, OffsetDateTime modifiedTime, String modifiedBy,
                               String provisioningStatus, String healthStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationStatus(String state, boolean paid) {
    }

    /** organizationRead. */
    public record OrganizationRead(ReadMetadata metadata, OrganizationSpec spec, OrganizationStatus status) {
        public static OrganizationRead of(Organization o) {
            return new OrganizationRead(
                    new ReadMetadata(o.id.toString(), o.name, o.description, tags(o.tags), o.createdAt, o.createdBy,
                            o.modifiedAt, o.modifiedBy, "provisioned", "healthy"),
                    new OrganizationSpec(o.type, o.emailDomain, null, null, null),
                    new OrganizationStatus(o.state, o.paid));
        }
    }

    public static List<Tag> tags(String json) {
        return Json.tags(json).entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }

    public static String tagsJson(List<Tag> tags) {
        if (tags == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.name(), t.value()));
        return Json.write(map);
    }
}
