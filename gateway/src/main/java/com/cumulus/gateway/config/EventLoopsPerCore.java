package com.cumulus.gateway.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * One Vert.x event loop per core the JVM may use (Quarkus' own default is two per core). The gateway's work is all
 * on its event loops and never blocks, so a second loop per core only adds context switches and splits each loop's
 * upstream pools in two. The count follows the node ({@link Runtime#availableProcessors()}, which honours a
 * container's CPU limit) and gives way to any explicit {@code quarkus.vertx.event-loops-pool-size}: this source's
 * ordinal is below application.properties, environment variables and system properties.
 */
public class EventLoopsPerCore implements ConfigSource {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";
    private static final int ORDINAL = 150;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(EVENT_LOOPS, getValue(EVENT_LOOPS));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(EVENT_LOOPS);
    }

    @Override
    public String getValue(String propertyName) {
        return EVENT_LOOPS.equals(propertyName)
                ? Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())) : null;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "gateway-event-loops-per-core";
    }
}
