package com.cumulus.identity.federation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.security.Caller;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.federation.domain.IdentityProvider;
import com.cumulus.identity.federation.repository.FederatedIdentityRepository;
import com.cumulus.identity.federation.repository.IdentityProviderRepository;
import com.cumulus.identity.keys.KeyEncryption;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upstream OIDC providers (seed 001 oauth2providers): system providers ({@code organizationId} null) and an
 * organization's own. The client secret is write-only: encrypted at rest with the key-encryption key (the provider id
 * as associated data), decrypted only for the upstream token request, never returned and never put on an event.
 */
@ApplicationScoped
public class ProviderService {

    public static final String CREATED = "com.cumulus.identity.provider.created.v1";
    public static final String UPDATED = "com.cumulus.identity.provider.updated.v1";
    public static final String DELETED = "com.cumulus.identity.provider.deleted.v1";

    private final SqlOutbox outbox;
    private final KeyEncryption encryption;
    private final SqlTransactions tx;
    private final IdentityProviderRepository providers;
    private final FederatedIdentityRepository links;

    public ProviderService(SqlOutbox outbox, KeyEncryption encryption, SqlTransactions tx,
                           IdentityProviderRepository providers, FederatedIdentityRepository links) {
        this.outbox = outbox;
        this.encryption = encryption;
        this.tx = tx;
        this.providers = providers;
        this.links = links;
    }

    /** System providers ({@code organization == null}) or one organization's, oldest first. */
    public Uni<List<IdentityProvider>> list(UUID organization) {
        return organization == null ? providers.system() : providers.ofOrganization(organization);
    }

    public Uni<IdentityProvider> create(UUID organization, JsonNode body, Caller caller) {
        IdentityProvider provider = new IdentityProvider();
        provider.id = UUID.randomUUID();
        provider.organizationId = organization;
        apply(provider, body, true);
        provider.createdBy = caller.subject();
        provider.modifiedBy = caller.subject();
        provider.createdAt = Instant.now();
        provider.modifiedAt = provider.createdAt;
        return tx.inTransaction(() -> nameTaken(provider)
                .chain(() -> providers.insert(provider))
                .call(p -> outbox.record(CREATED, p.id.toString(), data(p), caller.subject())));
    }

    public Uni<IdentityProvider> update(UUID organization, String id, JsonNode body, Caller caller) {
        return tx.inTransaction(() -> find(organization, id).chain(provider -> {
            apply(provider, body, false);
            provider.modifiedBy = caller.subject();
            provider.modifiedAt = Instant.now();
            return nameTaken(provider).chain(() -> providers.update(provider))
                    .call(p -> outbox.record(UPDATED, p.id.toString(), data(p), caller.subject()));
        }));
    }

    public Uni<Void> delete(UUID organization, String id, Caller caller) {
        return tx.inTransaction(() -> find(organization, id).chain(provider ->
                outbox.record(DELETED, provider.id.toString(), data(provider), caller.subject())
                        .chain(() -> links.deleteOfProvider(provider.id))
                        .chain(() -> providers.delete(provider.id))
                        .replaceWithVoid()));
    }

    /** The provider's client secret in clear, for the upstream token request only (null for a public client). */
    public String clientSecret(IdentityProvider provider) {
        return provider.clientSecret == null ? null
                : new String(encryption.decrypt(aad(provider.id), provider.clientSecret), StandardCharsets.UTF_8);
    }

    private Uni<Void> nameTaken(IdentityProvider provider) {
        return providers.countNamed(provider.organizationId, provider.name, provider.id).invoke(n -> {
            if (n > 0) {
                throw ApiException.conflict("a provider with this name exists");
            }
        }).replaceWithVoid();
    }

    private Uni<IdentityProvider> find(UUID organization, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(ApiException.notFound("provider"));
        }
        return providers.findById(uuid).map(p -> {
            if (p == null || !java.util.Objects.equals(p.organizationId, organization)) {
                throw ApiException.notFound("provider");
            }
            return p;
        });
    }

    /** Validates and copies {@code {metadata:{name, description}, spec:{type, issuer, clientID, clientSecret}}}. */
    void apply(IdentityProvider provider, JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode metadata = body.path("metadata");
        JsonNode name = metadata.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiException.invalid("metadata.name", "must not be blank");
        }
        if (!name.asText().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw ApiException.invalid("metadata.name", "must be a DNS label (lowercase letters, digits, '-', at most 63)");
        }
        provider.name = name.asText();
        JsonNode description = metadata.get("description");
        if (description != null && !description.isNull()) {
            if (!description.isTextual() || description.asText().length() > 500) {
                throw ApiException.invalid("metadata.description", "must be a string of at most 500 characters");
            }
            provider.description = description.asText();
        } else {
            provider.description = null;
        }
        JsonNode spec = body.path("spec");
        JsonNode type = spec.get("type");
        if (type == null || type.isNull()) {
            provider.type = "oidc";
        } else if (!type.isTextual() || !IdentityProvider.TYPES.contains(type.asText())) {
            throw ApiException.invalid("spec.type", "must be one of " + IdentityProvider.TYPES);
        } else {
            provider.type = type.asText();
        }
        JsonNode issuer = spec.get("issuer");
        if (issuer == null || !issuer.isTextual() || issuer.asText().isBlank()) {
            throw ApiException.invalid("spec.issuer", "must not be blank");
        }
        provider.issuer = issuer(issuer.asText());
        JsonNode clientId = spec.get("clientID");
        if (clientId == null || !clientId.isTextual() || clientId.asText().isBlank()) {
            throw ApiException.invalid("spec.clientID", "must not be blank");
        }
        if (clientId.asText().length() > 255) {
            throw ApiException.invalid("spec.clientID", "must be at most 255 characters");
        }
        provider.clientId = clientId.asText();
        JsonNode secret = spec.get("clientSecret");
        if (secret != null && !secret.isNull()) {
            if (!secret.isTextual() || secret.asText().isEmpty() || secret.asText().length() > 1024) {
                throw ApiException.invalid("spec.clientSecret", "must be a string of 1 to 1024 characters");
            }
            provider.clientSecret = encryption.encrypt(aad(provider.id), secret.asText().getBytes(StandardCharsets.UTF_8));
        } else if (creating) {
            provider.clientSecret = null;
        }
        // on update an absent clientSecret keeps the stored one (it is write-only, so clients cannot echo it back)
    }

    /** An issuer must be an absolute https URL without query or fragment (plain http only for localhost). */
    static String issuer(String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (java.net.URISyntaxException e) {
            throw ApiException.invalid("spec.issuer", "must be an absolute URL");
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getQuery() != null || uri.getFragment() != null
                || raw.length() > 500) {
            throw ApiException.invalid("spec.issuer", "must be an absolute https URL without query or fragment");
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
            throw ApiException.invalid("spec.issuer", "must use https");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static String aad(UUID providerId) {
        return "oauth2-provider:" + providerId;
    }

    /** Event data: never the secret (only whether one is set). */
    static Map<String, Object> data(IdentityProvider p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("providerId", p.id.toString());
        data.put("organizationId", p.organizationId == null ? null : p.organizationId.toString());
        data.put("name", p.name);
        data.put("type", p.type);
        data.put("issuer", p.issuer);
        data.put("clientId", p.clientId);
        return data;
    }
}
