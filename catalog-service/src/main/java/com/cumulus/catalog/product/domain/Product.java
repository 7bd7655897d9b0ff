package com.cumulus.catalog.product.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An API product version: its plans (JSON) and the APIs it bundles (JSON), with a lifecycle state. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String version;
    public String title;
    public String summary;
    public String state;
    public String visibility;
    /** Comma-separated organization ids, for visibility {@code custom}. */
    public String visibleOrgs;
    /** JSON array of {@link Plan}. */
    public String plans;
    /** JSON array of {@link ApiRef}. */
    public String apis;
    public String metadata;
    public Instant createdAt;
    public Instant updatedAt;
}
