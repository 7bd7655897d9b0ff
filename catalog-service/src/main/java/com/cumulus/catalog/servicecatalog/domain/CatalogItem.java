package com.cumulus.catalog.servicecatalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A service catalog item (seed 003 {@code /api/v1/services}), created by platform administrators. */
@Entity
@Table(name = "catalog_service")
public class CatalogItem extends PanacheEntityBase {
    @Id
    public String codeName;
    public String name;
    public String description;
    public Instant createdAt;
}
