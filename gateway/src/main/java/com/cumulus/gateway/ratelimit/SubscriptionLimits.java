package com.cumulus.gateway.ratelimit;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan limits of enabled catalog subscriptions (catalog.events subscription.changed / deleted), by the client
 * ids of the subscribed application. Calls made with a token of such a client id count against the subscription.
 */
@Singleton
public class SubscriptionLimits {

    private record Subscription(List<String> clientIds, Limit limit) {
    }

    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Map<String, Limit>> byClientId = new ConcurrentHashMap<>();

    public synchronized void changed(String subscriptionId, List<String> clientIds, String state, long requests,
                                     long periodSeconds) {
        removed(subscriptionId);
        if (!"enabled".equalsIgnoreCase(state) || requests <= 0 || periodSeconds <= 0) {
            return;
        }
        Limit limit = new Limit(requests, Duration.ofSeconds(periodSeconds));
        subscriptions.put(subscriptionId, new Subscription(List.copyOf(clientIds), limit));
        for (String clientId : clientIds) {
            byClientId.computeIfAbsent(clientId, id -> new ConcurrentHashMap<>()).put(subscriptionId, limit);
        }
    }

    public synchronized void removed(String subscriptionId) {
        Subscription old = subscriptions.remove(subscriptionId);
        if (old != null) {
            for (String clientId : old.clientIds()) {
                Map<String, Limit> limits = byClientId.get(clientId);
                if (limits != null) {
                    limits.remove(subscriptionId);
                    if (limits.isEmpty()) {
                        byClientId.remove(clientId);
                    }
                }
            }
        }
    }

    /** Subscription id to limit, for the subscriptions this client id belongs to. */
    public Map<String, Limit> forClient(String clientId) {
        return clientId == null ? Map.of() : byClientId.getOrDefault(clientId, Map.of());
    }
}
