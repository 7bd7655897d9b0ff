package com.cumulus.provisioning.template;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A project template's services, from catalog's template.published events (read-only projection). */
@Entity
@Table(name = "service_template")
public class ServiceTemplate extends PanacheEntityBase {

    @Id
    @Column(name = "template_id")
    public String templateId;
    @Column(nullable = false)
    public String name;
    /** JSON array of {name, provider, region, tier, memoryGb}. */
    @Column(nullable = false)
    public String services;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
