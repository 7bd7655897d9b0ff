package com.cumulus.tenancy.invitation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** An invitation of an email address to an organization (or one of its projects), with roles; single use. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "project_id")
    public UUID projectId;
    public String email;
    /** Comma-separated role names. */
    public String roles;
    /** The secret code the invitee presents (mailed; never listed). */
    public String code;
    public boolean secure;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    @Column(name = "accepted_by")
    public String acceptedBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    public String state() {
        if (acceptedAt != null) {
            return "accepted";
        }
        return expiresAt.isBefore(OffsetDateTime.now()) ? "expired" : "pending";
    }
}
