package com.cumulus.provisioning.organization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** What provisioning knows about an organization, from tenancy's organization events (read-only projection). */
@Entity
@Table(name = "organization_projection")
public class OrganizationProjection extends PanacheEntityBase {

    @Id
    @Column(name = "organization_id")
    public String organizationId;
    public String name;
    @Column(nullable = false)
    public boolean paid;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Whether the organization pays; unknown organizations count as unpaid. */
    public static Uni<Boolean> isPaid(String organizationId) {
        return OrganizationProjection.<OrganizationProjection>findById(organizationId)
                .map(org -> org != null && org.paid);
    }
}
