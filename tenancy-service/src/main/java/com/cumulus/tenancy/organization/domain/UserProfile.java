package com.cumulus.tenancy.organization.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Read-only projection of identity's user profile, built from identity.events. */
@Entity
@Table(name = "user_profile")
public class UserProfile extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    public String email;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public String fullName() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return full.isEmpty() ? email : full;
    }
}
