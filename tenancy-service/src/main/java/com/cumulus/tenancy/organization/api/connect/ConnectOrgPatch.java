package com.cumulus.tenancy.organization.api.connect;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Seed 002 PATCH /orgs/{org} body. */
public record ConnectOrgPatch(@Size(min = 1, max = 255) String name,
                              @Size(max = 1023) String title,
                              @Size(max = 65535) String summary,
                              @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String state,
                              Map<String, String> metadata) {
}
