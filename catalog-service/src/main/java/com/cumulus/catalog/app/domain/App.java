package com.cumulus.catalog.app.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A consumer organization's application; its credentials authenticate it, its subscriptions authorize it. */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    @Id
    public UUID id;
    public String organizationId;
    public String name;
    public String title;
    public String summary;
    public String state;
    /** {@code development} or {@code production}. */
    public String appType;
    /** {@code public} or {@code confidential} (see /application-types). */
    public String applicationType;
    /** JSON array of redirect URLs. */
    public String redirectEndpoints;
    public String metadata;
    public Instant createdAt;
    public Instant updatedAt;

    /** By id or by name inside the organization. */
    public static Uni<App> findInOrg(String organizationId, String nameOrId) {
        UUID id = uuid(nameOrId);
        return id != null
                ? find("organizationId = ?1 and (id = ?2 or name = ?3)", organizationId, id, nameOrId).firstResult()
                : find("organizationId = ?1 and name = ?2", organizationId, nameOrId).firstResult();
    }

    public static UUID uuid(String value) {
        try {
            return value != null && value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
