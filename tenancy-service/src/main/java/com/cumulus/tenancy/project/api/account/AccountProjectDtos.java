package com.cumulus.tenancy.project.api.account;

import com.cumulus.tenancy.project.domain.Project;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import com.cumulus.tenancy.project.service.ProjectUsage;

import java.util.List;

/** Seed 003 project shapes. */
public final class AccountProjectDtos {

    private AccountProjectDtos() {
    }

    public record AccountProjectWrite(@Size(min = 1, max = 70) String name, @Size(max = 200) String description) {
    }

    /** {@code services}: codes of the service-catalog items attached to the project (catalog's events). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountProject(String name, String description, String id, List<String> services, Integer userLimit,
                                 Integer userUsed) {
        public static AccountProject of(Project p, ProjectUsage.Usage usage) {
            return new AccountProject(p.name, p.description, p.id.toString(), usage.services(), p.userLimit,
                    usage.userUsed());
        }
    }

    /** Push-notification settings: secrets are write-only and come back masked. */
    public record PushSettingsWrite(@Size(max = 4096) String fcmApiKeys, @Size(max = 128) String fcmProjectNumber,
                                    @Size(max = 65536) String apnsCert) {
    }

    public record PushSettings(String fcmApiKeys, String fcmProjectNumber, String apnsCert, String id) {
        public static PushSettings of(Project p) {
            return new PushSettings(mask(p.pushFcmApiKey), p.pushFcmProjectNumber, mask(p.pushApnsCert), p.id.toString());
        }

        static String mask(String secret) {
            if (secret == null) {
                return null;
            }
            return secret.length() <= 4 ? "****" : "****" + secret.substring(secret.length() - 4);
        }
    }
}
