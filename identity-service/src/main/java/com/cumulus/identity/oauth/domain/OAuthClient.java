package com.cumulus.identity.oauth.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A registered OAuth client (table {@code oauth_client}): {@code kind} {@code oauth} (seeded from config) or
 * {@code app} (a catalog application credential, from catalog's credential events). Confidential clients have a
 * SHA-256 secret hash. Read and written by {@code oauth.repository.OAuthClientRepository}.
 */
public class OAuthClient {
    public static final String KIND_OAUTH = "oauth";
    public static final String KIND_APP = "app";

    public String clientId;
    public String name;
    public String kind;
    public String secretHash;
    public boolean publicClient;
    /** Space-separated, matched exactly. */
    public String redirectUris;
    public UUID organizationId;
    public String state;
    /** The catalog credential id for {@code app} clients. */
    public String externalId;
    public Instant createdAt;
    /** {@code ES256} (default) or {@code RS256}: the algorithm that signs this client's ID tokens. */
    public String idTokenSignedResponseAlg;

    public List<String> redirectUriList() {
        return redirectUris == null || redirectUris.isBlank() ? List.of() : Arrays.asList(redirectUris.split(" "));
    }

    public boolean enabled() {
        return "enabled".equals(state);
    }
}
