package com.cumulus.identity.federation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Tenancy's organization name and email domain (projection of tenancy.events), for login routing by domain. */
@Entity
@Table(name = "organization_directory")
public class OrganizationEntry extends PanacheEntityBase {
    @Id
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    @Column(name = "email_domain")
    public String emailDomain;
}
