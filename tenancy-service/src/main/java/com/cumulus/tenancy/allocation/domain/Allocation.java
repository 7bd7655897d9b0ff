package com.cumulus.tenancy.allocation.domain;

import com.cumulus.tenancy.web.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seed 001 allocation: resources a project holds against its organization's quotas, owned by some resource
 * ({@code ownerKind}/{@code ownerId}, e.g. a cluster). Its items are counted in the quota rows while it exists.
 */
@Entity
@Table(name = "allocation")
public class Allocation extends PanacheEntityBase {

    /** One quota kind held by an allocation: {@code committed} always in use, {@code reserved} may be used. */
    public record Item(String kind, int committed, int reserved) {
        public int total() {
            return committed + reserved;
        }
    }

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "project_id")
    public UUID projectId;
    public String name;
    public String description;
    public String tags;
    @Column(name = "owner_kind")
    public String ownerKind;
    @Column(name = "owner_id")
    public String ownerId;
    /** JSON list of {@link Item}. */
    public String items;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;

    public List<Item> itemList() {
        return Json.read(items, new TypeReference<List<Item>>() { }, new ArrayList<>());
    }

    public void itemList(List<Item> list) {
        this.items = Json.write(list);
    }
}
