package com.cumulus.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "cumulus.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of every event this service writes, e.g. {@code /tenancy}. */
    @WithDefault("/cumulus")
    String source();

    /** Topic used when a caller does not name one, e.g. {@code tenancy.events}. */
    @WithDefault("cumulus.events")
    String defaultTopic();

    Relay relay();

    interface Relay {
        /** Whether this instance publishes outbox rows. Every replica may run it; an advisory lock elects one at a time. */
        @WithDefault("true")
        boolean enabled();

        /** Most rows published in one relay cycle. */
        @WithDefault("1000")
        int batchSize();

        /** Safety-net poll period; commits normally wake the relay at once through LISTEN/NOTIFY. */
        @WithDefault("500ms")
        Duration pollInterval();

        /**
         * Shortest time between the starts of two cycles woken by commits; 0 (the default) starts one per wake-up
         * (commits during a running cycle still share the next). A commit after a quiet spell starts a cycle at
         * once; under a stream of commits the rows of one interval leave together (one select, one batch to Kafka,
         * one delete) instead of one cycle per commit, which adds at most this much to an event's lag. A full batch
         * is followed at once, whatever the interval.
         */
        @WithDefault("0s")
        Duration minInterval();

        /** Delay before a failed cycle is retried. */
        @WithDefault("1s")
        Duration retryDelay();

        /** Override of the LISTEN connection URI; by default the reactive datasource URL is used. */
        Optional<String> listenUrl();
    }
}
