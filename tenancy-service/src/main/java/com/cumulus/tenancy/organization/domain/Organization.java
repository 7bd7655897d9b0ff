package com.cumulus.tenancy.organization.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An organization (= the "account" of seed 003). One row whatever dialect reaches it. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    public static final String TYPE_ADHOC = "adhoc";
    public static final String TYPE_DOMAIN = "domain";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    @Id
    public UUID id;
    /** Machine name: a Kubernetes label value (seeds 001 and 002 {@code name}). */
    public String name;
    /** Display name (seed 002 {@code title}, seed 003 {@code organizationName}, seed 004 {@code name}). */
    public String title;
    public String description;
    @Column(name = "org_type")
    public String type;
    @Column(name = "email_domain")
    public String emailDomain;
    public String state;
    public boolean paid;
    public String address;
    public String phone;
    public String email;
    /** Tags as a JSON array of {name,value}. */
    public String tags;
    /** Seed 004 private endpoints as a JSON array of {id, description, cloudProvider, region}. */
    @Column(name = "private_endpoints")
    public String privateEndpoints;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;

    public String displayName() {
        return title != null ? title : name;
    }
}
