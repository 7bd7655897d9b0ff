package com.cumulus.tenancy.project.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A service-catalog item attached to a project: read-only projection of catalog's
 * {@code project-service.attached/detached} events (catalog owns project services). Seed 003 {@code services}.
 */
@Entity
@Table(name = "project_service")
@IdClass(AttachedService.Key.class)
public class AttachedService extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public UUID projectId;
    @Id
    @Column(name = "service_catalog_code")
    public String serviceCatalogCode;
    public String name;
    @Column(name = "item_limit")
    public Integer itemLimit;
    @Column(name = "attached_at")
    public OffsetDateTime attachedAt;

    public static class Key implements Serializable {
        public UUID projectId;
        public String serviceCatalogCode;

        public Key() {
        }

        public Key(UUID projectId, String serviceCatalogCode) {
            this.projectId = projectId;
            this.serviceCatalogCode = serviceCatalogCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId)
                    && Objects.equals(serviceCatalogCode, k.serviceCatalogCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, serviceCatalogCode);
        }
    }
}
