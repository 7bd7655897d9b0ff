package com.cumulus.tenancy.organization.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A group of users and service accounts holding roles in an organization. Id lists are comma-separated. */
@Entity
@Table(name = "org_group")
public class Group extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String description;
    @Column(name = "user_ids")
    public String userIds = "";
    @Column(name = "service_account_ids")
    public String serviceAccountIds = "";
    @Column(name = "role_ids")
    public String roleIds = "";
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;
}
