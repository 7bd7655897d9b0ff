package com.cumulus.provisioning.service.domain;

import java.util.Set;

/** Lifecycle states of a managed service (seed 004's {@code state} values). */
public final class ServiceState {
    public static final String PROVISIONING = "provisioning";
    public static final String STARTING = "starting";
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String TERMINATING = "terminating";
    public static final String TERMINATED = "terminated";
    public static final String DEGRADED = "degraded";
    public static final String FAILED = "failed";
    public static final String IDLE = "idle";

    public static final Set<String> ALL = Set.of(PROVISIONING, STARTING, RUNNING, STOPPING, STOPPED, TERMINATING,
            TERMINATED, DEGRADED, FAILED, IDLE);
    /** States in which a driver operation is in flight; the engine resumes them after a restart. */
    public static final Set<String> IN_FLIGHT = Set.of(PROVISIONING, STARTING, STOPPING, TERMINATING);
    /** States in which the service serves (or can serve) queries. */
    public static final Set<String> UP = Set.of(RUNNING, IDLE, DEGRADED);

    /** Desired states the API and events ask for. */
    public static final String DESIRED_RUNNING = "running";
    public static final String DESIRED_STOPPED = "stopped";
    public static final String DESIRED_TERMINATED = "terminated";

    private ServiceState() {
    }
}
