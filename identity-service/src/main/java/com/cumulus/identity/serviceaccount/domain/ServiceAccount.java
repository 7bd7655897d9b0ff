package com.cumulus.identity.serviceaccount.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A machine identity of an organization (table {@code service_account}); only the jti of its one live token is kept
 * (the token is shown once). Read and written by {@code serviceaccount.repository.ServiceAccountRepository}.
 */
public class ServiceAccount {
    public UUID id;
    public UUID organizationId;
    public String name;
    public String description;
    /** Comma-separated group ids (tenancy's groups). */
    public String groupIds;
    public UUID tokenJti;
    public Instant tokenExpiresAt;
    public String createdBy;
    public String modifiedBy;
    public Instant createdAt;
    public Instant modifiedAt;

    public List<String> groupIdList() {
        return groupIds == null || groupIds.isBlank() ? List.of() : Arrays.asList(groupIds.split(","));
    }
}
