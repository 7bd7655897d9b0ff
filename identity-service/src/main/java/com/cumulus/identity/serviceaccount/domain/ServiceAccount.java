package com.cumulus.identity.serviceaccount.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A machine identity of an organization; only the jti of its one live token is kept (the token is shown once). */
@Entity
@Table(name = "service_account")
public class ServiceAccount extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String description;
    /** Comma-separated group ids (tenancy's groups). */
    @Column(name = "group_ids")
    public String groupIds;
    @Column(name = "token_jti")
    public UUID tokenJti;
    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_by")
    public String modifiedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "modified_at")
    public Instant modifiedAt;

    public List<String> groupIdList() {
        return groupIds == null || groupIds.isBlank() ? List.of() : Arrays.asList(groupIds.split(","));
    }
}
