package com.cumulus.provisioning.lifecycle;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Outbox;
import com.cumulus.provisioning.service.domain.ManagedService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Queues work for the workers on {@code provisioning.commands}, inside the caller's transaction (outbox). */
@ApplicationScoped
public class CommandBus {

    public static final String TOPIC = "provisioning.commands";
    public static final String TYPE_PREFIX = "com.cumulus.provisioning.command.";

    /** Commands: create, start, stop, delete, scale, password. */
    public static String type(String command) {
        return TYPE_PREFIX + command + ".v1";
    }

    private final Outbox outbox;

    public CommandBus(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<CloudEvent> enqueue(ManagedService service, String command, String actor) {
        return outbox.record(TOPIC, type(command), service.id.toString(),
                Map.of("serviceId", service.id.toString(), "organizationId", service.organizationId,
                        "command", command), actor);
    }
}
