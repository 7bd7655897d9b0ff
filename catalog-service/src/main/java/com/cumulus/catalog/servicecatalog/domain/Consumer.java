package com.cumulus.catalog.servicecatalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A consumer of an organization's project services (seed 003). */
@Entity
@Table(name = "consumer")
public class Consumer extends PanacheEntityBase {
    @Id
    public String id;
    public String organizationId;
    public String createdBy;
    public Instant createdAt;
}
