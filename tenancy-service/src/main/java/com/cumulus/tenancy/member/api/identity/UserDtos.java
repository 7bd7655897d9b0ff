package com.cumulus.tenancy.member.api.identity;

import com.cumulus.tenancy.organization.service.MembershipService.Member;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Seed 001 users of an organization. {@code spec.roles} is this suite's extension (roles held directly). */
public final class UserDtos {

    private UserDtos() {
    }

    public record UserSpec(@NotBlank @Size(max = 320) String subject,
                           List<String> groupIDs,
                           @Pattern(regexp = "active|pending|suspended", message = "must be active, pending or suspended") String state,
                           Set<@Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be a role name") String> roles) {
    }

    public record WriteMetadata(@Size(max = 63) String name, @Size(max = 1024) String description) {
    }

    public record UserWrite(@Valid WriteMetadata metadata, @NotNull @Valid UserSpec spec) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReadMetadata(String id, String name, String organizationId, OffsetDateTime creationTime,
                               String provisioningStatus, String healthStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReadSpec(String subject, List<String> groupIDs, String state, Set<String> roles) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserStatus(OffsetDateTime lastActive) {
    }

    public record UserRead(ReadMetadata metadata, ReadSpec spec, UserStatus status) {
        public static UserRead of(Member m) {
            String subject = m.email() != null ? m.email() : m.membership().userId;
            return new UserRead(
                    new ReadMetadata(m.membership().userId, subject, m.membership().organizationId.toString(),
                            m.membership().joinedAt, "provisioned", "healthy"),
                    new ReadSpec(subject, List.of(), m.membership().state, m.membership().roleSet()),
                    new UserStatus(m.membership().lastActive));
        }
    }
}
