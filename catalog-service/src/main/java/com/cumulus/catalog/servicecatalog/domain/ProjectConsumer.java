package com.cumulus.catalog.servicecatalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A consumer attached to a project. */
@Entity
@Table(name = "project_consumer")
public class ProjectConsumer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String projectId;
    public String consumerId;
    public String organizationId;
    public Instant createdAt;
}
