package com.cumulus.tenancy.activity.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An audit record of one change anywhere in the suite, built from that change's event. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "organization_id")
    public String organizationId;
    public String type;
    @Column(name = "actor_type")
    public String actorType;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_details")
    public String actorDetails;
    @Column(name = "actor_ip")
    public String actorIp;
    @Column(name = "service_id")
    public String serviceId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
