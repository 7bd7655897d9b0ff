package com.cumulus.catalog.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An API service enabled for a project (seed 000 {@code /console/projects/{projectId}/gateway/{serviceId}}). */
@Entity
@Table(name = "gateway_enablement")
public class GatewayEnablement extends PanacheEntityBase {
    @Id
    public UUID id;
    public String projectId;
    public String organizationId;
    public String serviceId;
    public String enabledBy;
    public Instant enabledAt;
}
