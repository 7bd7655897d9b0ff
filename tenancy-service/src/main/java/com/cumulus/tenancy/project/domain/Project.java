package com.cumulus.tenancy.project.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A project of an organization; one row whether reached through seed 000, 001 or 003. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    public static final String ACTIVE = "active";

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String description;
    @Column(name = "customer_id")
    public String customerId;
    public String status;
    public String plan;
    @Column(name = "template_id")
    public String templateId;
    @Column(name = "user_limit")
    public Integer userLimit;
    @Column(name = "group_ids")
    public String groupIds = "";
    public String tags;
    @Column(name = "push_fcm_api_key")
    public String pushFcmApiKey;
    @Column(name = "push_fcm_project_number")
    public String pushFcmProjectNumber;
    @Column(name = "push_apns_cert")
    public String pushApnsCert;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;
}
