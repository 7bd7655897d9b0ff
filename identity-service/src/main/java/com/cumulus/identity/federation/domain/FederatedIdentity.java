package com.cumulus.identity.federation.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The link from an upstream identity (provider + upstream {@code sub}) to a local user (table
 * {@code federated_identity}). Read and written by {@code federation.repository.FederatedIdentityRepository}.
 */
public class FederatedIdentity {
    public UUID id;
    public UUID providerId;
    public String subject;
    public UUID userId;
    public String email;
    public Instant createdAt;
}
