package com.cumulus.tenancy.organization.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** A user's membership of an organization, with its roles and state (active, pending, suspended). */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String SUSPENDED = "suspended";

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "user_id")
    public String userId;
    /** Comma-separated, sorted role names. */
    public String roles;
    public String state;
    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;
    @Column(name = "last_active")
    public OffsetDateTime lastActive;

    public static Membership of(UUID organizationId, String userId, Collection<String> roles) {
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.organizationId = organizationId;
        m.userId = userId;
        m.state = ACTIVE;
        m.joinedAt = OffsetDateTime.now();
        m.setRoles(roles);
        return m;
    }

    public Set<String> roleSet() {
        if (roles == null || roles.isBlank()) {
            return new TreeSet<>();
        }
        return Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    public void setRoles(Collection<String> values) {
        this.roles = String.join(",", new TreeSet<>(values));
    }

    /** The role shown where a dialect has a single role (the most privileged one). */
    public String primaryRole() {
        Set<String> set = roleSet();
        for (String r : new String[]{"admin", "developer", "billing", "reader"}) {
            if (set.contains(r)) {
                return r;
            }
        }
        return set.isEmpty() ? null : set.iterator().next();
    }
}
