package com.cumulus.provisioning.backup.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One backup of a service; region and tier are copied so a restore can be checked after the service is gone. */
@Entity
@Table(name = "service_backup")
public class ServiceBackup extends PanacheEntityBase {

    public static final String DONE = "done";
    public static final String ERROR = "error";
    public static final String FULL = "full";

    @Id
    public UUID id;
    @Column(name = "service_id", nullable = false)
    public UUID serviceId;
    @Column(name = "organization_id", nullable = false)
    public String organizationId;
    @Column(nullable = false)
    public String region;
    @Column(nullable = false)
    public String tier;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public String type;
    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Column(name = "size_in_bytes", nullable = false)
    public long sizeInBytes;
    @Column(name = "duration_in_seconds", nullable = false)
    public int durationInSeconds;
}
