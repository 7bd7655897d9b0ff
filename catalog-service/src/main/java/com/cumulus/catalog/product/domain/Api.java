package com.cumulus.catalog.product.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An API version with its OpenAPI document and, for SOAP APIs, its WSDL. */
@Entity
@Table(name = "api")
public class Api extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String version;
    public String title;
    public String summary;
    public String state;
    /** {@code rest} or {@code wsdl}. */
    public String apiType;
    public String visibility;
    public String visibleOrgs;
    /** The OpenAPI document, stored as JSON text. */
    public String document;
    public String wsdl;
    public String wsdlContentType;
    public String metadata;
    public Instant createdAt;
    public Instant updatedAt;
}
