package com.cumulus.gateway.events;

import com.cumulus.gateway.ratelimit.SubscriptionLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** catalog.events, replayed from the beginning by every instance: subscription plan limits. */
@ApplicationScoped
public class CatalogEvents {

    private static final Logger LOG = Logger.getLogger(CatalogEvents.class);

    private final ObjectMapper mapper;
    private final SubscriptionLimits limits;

    public CatalogEvents(ObjectMapper mapper, SubscriptionLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    @Incoming("catalog-events")
    public void on(String json) {
        try {
            JsonNode event = mapper.readTree(json);
            String type = event.path("type").asText("");
            JsonNode data = event.path("data");
            switch (type) {
                case "com.cumulus.catalog.subscription.changed.v1" -> {
                    JsonNode rate = data.path("rateLimit");
                    limits.changed(data.path("subscriptionId").asText(),
                            IdentityEvents.strings(data.path("clientIds")),
                            IdentityEvents.text(data, "state"),
                            rate.path("requests").asLong(0), rate.path("periodSeconds").asLong(0));
                }
                case "com.cumulus.catalog.subscription.deleted.v1" ->
                        limits.removed(data.path("subscriptionId").asText());
                default -> {
                }
            }
        } catch (Exception e) {
            LOG.warnf("catalog event skipped: %s", e.getMessage());
        }
    }
}
