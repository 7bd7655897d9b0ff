package com.cumulus.catalog.subscription.domain;

import com.cumulus.catalog.app.domain.App;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An application's subscription to one plan of a product version. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String ENABLED = "enabled";
    public static final String REJECTED = "rejected";
    public static final String DISABLED = "disabled";

    @Id
    public UUID id;
    public UUID appId;
    public String organizationId;
    public String name;
    public String title;
    public String summary;
    public UUID productId;
    public String plan;
    public String state;
    public String metadata;
    public Instant createdAt;
    public Instant updatedAt;

    public static Uni<Subscription> findInApp(UUID appId, String nameOrId) {
        UUID id = App.uuid(nameOrId);
        return id != null
                ? find("appId = ?1 and (id = ?2 or name = ?3)", appId, id, nameOrId).firstResult()
                : find("appId = ?1 and name = ?2", appId, nameOrId).firstResult();
    }

    public static Uni<List<Subscription>> ofApp(UUID appId) {
        return list("appId = ?1 order by createdAt, id", appId);
    }
}
