package com.cumulus.gateway.events;

import com.cumulus.gateway.apikey.ApiKeys;
import com.cumulus.gateway.revocation.RevokedTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * identity.events, replayed from the beginning by every gateway instance (its own consumer group): API keys into
 * {@link ApiKeys}, revocations into {@link RevokedTokens}. Applying an event twice changes nothing.
 */
@ApplicationScoped
public class IdentityEvents {

    private static final Logger LOG = Logger.getLogger(IdentityEvents.class);
    private static final String PREFIX = "com.cumulus.identity.";

    private final ObjectMapper mapper;
    private final ApiKeys apiKeys;
    private final RevokedTokens revoked;

    public IdentityEvents(ObjectMapper mapper, ApiKeys apiKeys, RevokedTokens revoked) {
        this.mapper = mapper;
        this.apiKeys = apiKeys;
        this.revoked = revoked;
    }

    @Incoming("identity-events")
    public void on(String json) {
        try {
            JsonNode event = mapper.readTree(json);
            String type = event.path("type").asText("");
            JsonNode data = event.path("data");
            if (!type.startsWith(PREFIX)) {
                return;
            }
            switch (type.substring(PREFIX.length())) {
                case "apikey.created.v1", "apikey.updated.v1" -> apiKeys.put(data.path("keyId").asText(),
                        text(data, "organizationId"), text(data, "keySecretHash"), text(data, "state"),
                        instant(data, "expireAt"));
                case "apikey.deleted.v1" -> apiKeys.remove(data.path("keyId").asText());
                case "session.revoked.v1" -> {
                    Instant until = instant(data, "expiresAt");
                    revoked.revokeSession(text(data, "sessionId"), until);
                    revoked.revokeTokens(strings(data.path("tokenIds")), until);
                }
                case "serviceaccount.rotated.v1" -> revoked.revokeTokens(strings(data.path("tokenIds")), null);
                case "serviceaccount.deleted.v1" -> {
                    revoked.revokeTokens(strings(data.path("tokenIds")), null);
                    revoked.revokeSubject(text(data, "serviceAccountId"));
                }
                default -> {
                }
            }
        } catch (Exception e) {
            LOG.warnf("identity event skipped: %s", e.getMessage());
        }
    }

    static String text(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static Instant instant(JsonNode data, String field) {
        String value = text(data, field);
        return value == null || value.isBlank() ? null : OffsetDateTime.parse(value).toInstant();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
