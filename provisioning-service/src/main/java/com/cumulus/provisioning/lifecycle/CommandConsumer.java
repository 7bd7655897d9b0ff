package com.cumulus.provisioning.lifecycle;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker: each command on {@code provisioning.commands} is claimed once (Inbox, by event id), then the service is
 * driven in the background. Commands only wake the engine; the persisted desired state says what to do, so a stale
 * or repeated command is a no-op.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    public static final String CONSUMER = "provisioning-worker";

    private final Inbox inbox;
    private final LifecycleEngine engine;

    public CommandConsumer(Inbox inbox, LifecycleEngine engine) {
        this.inbox = inbox;
        this.engine = engine;
    }

    @Incoming("provisioning-commands")
    public Uni<Void> onCommand(String json) {
        AtomicReference<CloudEvent> claimed = new AtomicReference<>();
        return inbox.handleOnce(CONSUMER, json, event -> {
                    claimed.set(event);
                    return Uni.createFrom().voidItem();
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .invoke(handled -> {
                    if (handled) {
                        dispatch(claimed.get());
                    }
                })
                .onFailure().invoke(e -> LOG.errorf(e, "command could not be claimed; recovery will resume it"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void dispatch(CloudEvent event) {
        if (event == null || event.data() == null || !event.data().hasNonNull("serviceId")) {
            return;
        }
        UUID serviceId;
        try {
            serviceId = UUID.fromString(event.data().get("serviceId").asText());
        } catch (IllegalArgumentException e) {
            LOG.warnf("command %s names no valid service id", event.id());
            return;
        }
        String command = event.data().path("command").asText("");
        switch (command) {
            case "scale" -> engine.kickScale(serviceId);
            case "password" -> engine.kickPassword(serviceId);
            default -> engine.kick(serviceId);
        }
    }
}
