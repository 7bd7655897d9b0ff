package com.cumulus.catalog.project.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read-only projection of tenancy's projects (project.created/updated/deleted): which organization owns which. */
@Entity
@Table(name = "project_ref")
public class ProjectRef extends PanacheEntityBase {
    @Id
    public String projectId;
    public String organizationId;
    public String name;
    public String templateId;
    public Instant updatedAt;
}
