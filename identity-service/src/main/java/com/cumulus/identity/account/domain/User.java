package com.cumulus.identity.account.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A human user: profile and Argon2id password hash. {@code organizationId}/{@code role} is the seed-003 account. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {
    @Id
    public UUID id;
    public String email;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String role;
    @Column(name = "platform_admin")
    public boolean platformAdmin;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Uni<User> byEmail(String email) {
        return find("email", normalize(email)).firstResult();
    }
}
