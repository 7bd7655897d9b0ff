package com.cumulus.provisioning.lifecycle;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Runs reactive work on a fresh duplicated Vert.x context, detached from the caller (its own Hibernate Reactive
 * session, not the caller's transaction). Used to drive services after a command was claimed.
 */
@ApplicationScoped
public class Detached {

    private static final Logger LOG = Logger.getLogger(Detached.class);
    private final Vertx vertx;

    public Detached(Vertx vertx) {
        this.vertx = vertx;
    }

    public void run(String what, Supplier<Uni<?>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<?> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s failed", what);
                return;
            }
            uni.subscribe().with(ok -> { }, failure -> LOG.warnf(failure, "%s failed", what));
        });
    }

    /** Like {@link #run}, after {@code delay} (a Vert.x timer; nothing blocks). */
    public void runLater(java.time.Duration delay, String what, Supplier<Uni<?>> work) {
        long ms = Math.max(1, delay.toMillis());
        vertx.setTimer(ms, id -> run(what, work));
    }

    /**
     * Runs {@code work} on a fresh duplicated context (its own Hibernate Reactive session) and returns its outcome,
     * so several pieces of work can run concurrently without sharing a session.
     */
    public <T> Uni<T> call(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                uni.subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }

    /**
     * Continues {@code uni} on the Vert.x context of the caller (captured now), so that work a driver finished on
     * another thread (a worker, a timer) can go on with Hibernate Reactive.
     */
    public static <T> io.smallrye.mutiny.Uni<T> backOnContext(io.smallrye.mutiny.Uni<T> uni) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return uni;
        }
        return uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
