package com.cumulus.catalog.template.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project template: required parameters and the managed services provisioning deploys from it. */
@Entity
@Table(name = "project_template")
public class ProjectTemplate extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String description;
    /** JSON array of {@link TemplateParameter}. */
    public String parameters;
    /** JSON array of {@link TemplateService}. */
    public String services;
    /** When template.published was recorded; null until then. */
    public Instant publishedAt;
    public Instant createdAt;
}
