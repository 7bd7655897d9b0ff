package com.cumulus.tenancy.role;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** An organization-defined role: a name and a set of permissions from the catalogue (comma-separated). */
@Entity
@Table(name = "org_role")
public class OrgRole extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    public String title;
    public String summary;
    public String permissions = "";
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;

    public Set<String> permissionSet() {
        return permissionSet(permissions);
    }

    /** The permissions of a stored comma-separated list. */
    public static Set<String> permissionSet(String csv) {
        Set<String> out = new TreeSet<>();
        for (String p : csv.split(",")) {
            if (!p.isBlank()) {
                out.add(p);
            }
        }
        return out;
    }
}
