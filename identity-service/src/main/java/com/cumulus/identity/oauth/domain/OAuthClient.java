package com.cumulus.identity.oauth.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A registered OAuth client: {@code kind} {@code oauth} (seeded from config) or {@code app} (a catalog application
 * credential, from catalog's credential events). Confidential clients have a SHA-256 secret hash.
 */
@Entity
@Table(name = "oauth_client")
public class OAuthClient extends PanacheEntityBase {
    public static final String KIND_OAUTH = "oauth";
    public static final String KIND_APP = "app";

    @Id
    @Column(name = "client_id")
    public String clientId;
    public String name;
    public String kind;
    @Column(name = "secret_hash")
    public String secretHash;
    @Column(name = "public_client")
    public boolean publicClient;
    /** Space-separated, matched exactly. */
    @Column(name = "redirect_uris")
    public String redirectUris;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String state;
    /** The catalog credential id for {@code app} clients. */
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "created_at")
    public Instant createdAt;
    /** {@code ES256} (default) or {@code RS256}: the algorithm that signs this client's ID tokens. */
    @Column(name = "id_token_signed_response_alg")
    public String idTokenSignedResponseAlg;

    public List<String> redirectUriList() {
        return redirectUris == null || redirectUris.isBlank() ? List.of() : Arrays.asList(redirectUris.split(" "));
    }

    public boolean enabled() {
        return "enabled".equals(state);
    }
}
