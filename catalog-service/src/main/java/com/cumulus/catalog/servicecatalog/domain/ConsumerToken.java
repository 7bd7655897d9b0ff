package com.cumulus.catalog.servicecatalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A token for one consumer + project + service; only its SHA-256 hash is stored. */
@Entity
@Table(name = "consumer_token")
public class ConsumerToken extends PanacheEntityBase {
    @Id
    public String id;
    public String consumerId;
    public String projectId;
    public String serviceCatalogCode;
    public String organizationId;
    public String tokenHash;
    public Instant createdAt;
}
