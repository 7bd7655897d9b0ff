package com.cumulus.tenancy.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A project notification; the latest message per (topic, topicId) replaces the previous one. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public UUID projectId;
    public String topic;
    @Column(name = "topic_id")
    public String topicId;
    public String title;
    public String description;
    public String url;
    public String source;
    public String level;
    public String status;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
