package com.cumulus.catalog.app.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An application credential: a client id and the SHA-256 hash of its client secret (never the secret). */
@Entity
@Table(name = "credential")
public class Credential extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID appId;
    public String organizationId;
    public String name;
    public String title;
    public String summary;
    public String clientId;
    public String clientSecretHash;
    public String metadata;
    public Instant createdAt;
    public Instant updatedAt;

    public static Uni<Credential> findInApp(UUID appId, String nameOrId) {
        UUID id = App.uuid(nameOrId);
        return id != null
                ? find("appId = ?1 and (id = ?2 or name = ?3)", appId, id, nameOrId).firstResult()
                : find("appId = ?1 and name = ?2", appId, nameOrId).firstResult();
    }

    public static Uni<List<Credential>> ofApp(UUID appId) {
        return list("appId = ?1 order by createdAt, id", appId);
    }
}
