package com.cumulus.catalog.servicecatalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A catalog item attached to a project, with its item limit (consumer tokens it may hold). */
@Entity
@Table(name = "project_service")
public class ProjectItem extends PanacheEntityBase {
    @Id
    public UUID id;
    public String projectId;
    public String organizationId;
    public String serviceCatalogCode;
    public String name;
    public String description;
    public int itemLimit;
    public Instant createdAt;
}
