package com.cumulus.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer whose effect is visible (one ledger row per applied event), to prove idempotent consumption. */
@ApplicationScoped
public class LedgerConsumer {

    private final Inbox inbox;

    public LedgerConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("ledger-in")
    public Uni<Void> consume(String json) {
        return inbox.handleOnce("ledger-consumer", json, event -> {
            JsonNode data = event.data();
            return LedgerEntry.of(data.get("account").asText(), data.get("amount").asLong()).persist();
        }).replaceWithVoid();
    }
}
