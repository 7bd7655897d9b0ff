package com.cumulus.tenancy.organization.api.cloud;

import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.web.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Seed 004 organization shapes. */
public final class CloudOrganizationDtos {

    private CloudOrganizationDtos() {
    }

    public record PrivateEndpoint(@NotBlank @Size(max = 255) String id, @Size(max = 255) String description,
                                  @Pattern(regexp = "aws|gcp|azure", message = "must be aws, gcp or azure") String cloudProvider,
                                  @Size(max = 64) String region) {
    }

    public record PrivateEndpointsPatch(List<@Valid PrivateEndpoint> add, List<@Valid PrivateEndpoint> remove) {
    }

    public record OrganizationPatch(@Size(min = 1, max = 255) String name, @Valid PrivateEndpointsPatch privateEndpoints) {
    }

    public record OrganizationResult(String id, OffsetDateTime createdAt, String name,
                                     List<Map<String, String>> privateEndpoints) {
        public static OrganizationResult of(Organization o) {
            return new OrganizationResult(o.id.toString(), o.createdAt, o.displayName(), Json.list(o.privateEndpoints));
        }
    }
}
