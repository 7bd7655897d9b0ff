package com.cumulus.identity.oauth.service;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.SqlInbox;
import com.cumulus.identity.oauth.domain.OAuthClient;
import com.cumulus.identity.oauth.repository.OAuthClientRepository;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;

/** Catalog application credentials become client_credentials clients (hash only; the secret never leaves catalog). */
@ApplicationScoped
public class CatalogEventsConsumer {

    static final String ISSUED = "com.cumulus.catalog.credential.issued.v1";
    static final String UPDATED = "com.cumulus.catalog.credential.updated.v1";
    static final String REVOKED = "com.cumulus.catalog.credential.revoked.v1";

    private final SqlInbox inbox;
    private final OAuthClientRepository clients;

    public CatalogEventsConsumer(SqlInbox inbox, OAuthClientRepository clients) {
        this.inbox = inbox;
        this.clients = clients;
    }

    @Incoming("catalog-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce("identity-catalog-events", json, this::apply).replaceWithVoid();
    }

    Uni<?> apply(CloudEvent event) {
        JsonNode data = event.data();
        if (data == null || !event.type().startsWith("com.cumulus.catalog.credential.")) {
            return Uni.createFrom().voidItem();
        }
        String clientId = data.path("clientId").asText(null);
        if (clientId == null || clientId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        if (REVOKED.equals(event.type())) {
            return clients.deleteOfKind(clientId, OAuthClient.KIND_APP);
        }
        if (!ISSUED.equals(event.type()) && !UPDATED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return clients.findById(clientId).chain(existing -> {
            if (existing != null && !OAuthClient.KIND_APP.equals(existing.kind)) {
                return Uni.createFrom().voidItem();
            }
            OAuthClient client = existing != null ? existing : new OAuthClient();
            client.clientId = clientId;
            client.kind = OAuthClient.KIND_APP;
            client.name = "app " + data.path("appId").asText("");
            client.secretHash = data.path("clientSecretHash").asText("").toLowerCase();
            client.publicClient = false;
            client.redirectUris = "";
            client.state = data.path("state").asText("enabled");
            client.externalId = data.path("credentialId").asText(null);
            String org = data.path("organizationId").asText(null);
            try {
                client.organizationId = org == null ? null : UUID.fromString(org);
            } catch (IllegalArgumentException e) {
                client.organizationId = null;
            }
            if (existing == null) {
                client.createdAt = Instant.now();
                return clients.insert(client);
            }
            return clients.update(client);
        });
    }
}
