package com.cumulus.provisioning.lifecycle;

import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * After a restart (or a lost command), resumes every service whose persisted state is not where its desired state
 * wants it: e.g. one left in {@code starting} or {@code stopping} by a crash mid-transition.
 */
@ApplicationScoped
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class);

    private final LifecycleEngine engine;
    private final Detached detached;

    public Recovery(LifecycleEngine engine, Detached detached) {
        this.engine = engine;
        this.detached = detached;
    }

    void onStart(@Observes StartupEvent ignored) {
        detached.run("resuming in-flight services", this::resumeInFlight);
    }

    /** Starts a drive for each service with work left; returns how many. */
    public Uni<Integer> resumeInFlight() {
        return Panache.withSession(() -> ManagedService.<ManagedService>list("state <> ?1", ServiceState.TERMINATED))
                .map(services -> {
                    List<ManagedService> pending = services.stream()
                            .filter(s -> engine.next(s) != null)
                            .toList();
                    pending.forEach(s -> engine.kick(s.id));
                    if (!pending.isEmpty()) {
                        LOG.infof("resuming %d services with transitions in flight", pending.size());
                    }
                    return pending.size();
                });
    }
}
