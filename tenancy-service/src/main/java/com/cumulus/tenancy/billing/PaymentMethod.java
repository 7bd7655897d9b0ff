package com.cumulus.tenancy.billing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment method of an organization: a provider's token and at most the card's last four digits, never card data. */
@Entity
@Table(name = "payment_method")
public class PaymentMethod extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String title;
    public String provider;
    @Column(name = "provider_token")
    public String providerToken;
    @Column(name = "last_four")
    public String lastFour;
    public String state;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
}
