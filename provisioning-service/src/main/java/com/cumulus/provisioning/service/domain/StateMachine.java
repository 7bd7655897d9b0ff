package com.cumulus.provisioning.service.domain;

import static com.cumulus.provisioning.service.domain.ServiceState.*;

/**
 * The lifecycle rules, free of I/O. The engine repeatedly asks {@link #next} what to do until the current state
 * is where the desired state wants it; the API asks {@link #onStart}/{@link #onStop}/{@link #canDelete}.
 */
public final class StateMachine {

    /** A driver operation. */
    public enum Operation { PROVISION, START, STOP, TERMINATE }

    /**
     * What the engine does next: move straight to {@code to} (no driver call), or call {@code operation} and move to
     * {@code to} on success or {@code onFailure} when the driver fails.
     */
    public record Step(String from, Operation operation, String to, String onFailure) {
        public static Step move(String from, String to) {
            return new Step(from, null, to, null);
        }

        public static Step drive(String from, Operation operation, String to, String onFailure) {
            return new Step(from, operation, to, onFailure);
        }

        public boolean callsDriver() {
            return operation != null;
        }
    }

    /** The outcome of a start/stop command at the API. */
    public enum Decision { NO_OP, ACCEPT, CONFLICT }

    private StateMachine() {
    }

    /** The next step toward the desired state, or null when there is nothing to do. */
    public static Step next(String state, String desired, boolean provisioned) {
        return next(state, desired, provisioned, false, false);
    }

    /**
     * Like {@link #next(String, String, boolean)}, with two guards: a service {@code awaitingQuota} (a template
     * deployment tenancy has not answered yet) does not start, and a service whose terminate attempts are
     * {@code terminateExhausted} rests in {@code failed} instead of trying to terminate again.
     */
    public static Step next(String state, String desired, boolean provisioned, boolean awaitingQuota,
                            boolean terminateExhausted) {
        if (awaitingQuota && STARTING.equals(state)) {
            return switch (desired) {
                case DESIRED_TERMINATED -> Step.move(STARTING, TERMINATING);
                case DESIRED_STOPPED -> Step.move(STARTING, STOPPED);
                default -> null;
            };
        }
        if (terminateExhausted && FAILED.equals(state) && DESIRED_TERMINATED.equals(desired)) {
            return null;
        }
        return nextUnguarded(state, desired, provisioned);
    }

    private static Step nextUnguarded(String state, String desired, boolean provisioned) {
        return switch (state) {
            case STARTING -> provisioned
                    ? Step.drive(STARTING, Operation.START, RUNNING, FAILED)
                    : Step.move(STARTING, PROVISIONING);
            case PROVISIONING -> Step.drive(PROVISIONING, Operation.PROVISION, RUNNING, FAILED);
            case STOPPING -> Step.drive(STOPPING, Operation.STOP, STOPPED, DEGRADED);
            case TERMINATING -> Step.drive(TERMINATING, Operation.TERMINATE, TERMINATED, FAILED);
            case RUNNING, IDLE -> DESIRED_RUNNING.equals(desired) ? null : Step.move(state, STOPPING);
            // a stop that failed is not retried in a loop: the service stays degraded (with its reason) until the
            // next command
            case DEGRADED -> null;
            case STOPPED -> switch (desired) {
                case DESIRED_RUNNING -> Step.move(STOPPED, STARTING);
                case DESIRED_TERMINATED -> Step.move(STOPPED, TERMINATING);
                default -> null;
            };
            case FAILED -> switch (desired) {
                case DESIRED_TERMINATED -> Step.move(FAILED, TERMINATING);
                case DESIRED_STOPPED -> provisioned ? Step.move(FAILED, STOPPING) : Step.move(FAILED, STOPPED);
                default -> null;
            };
            default -> null;
        };
    }

    /** {@code start}: a no-op when running or on its way there; refused while stopping or being deleted. */
    public static Decision onStart(String state) {
        return switch (state) {
            case RUNNING, STARTING, PROVISIONING -> Decision.NO_OP;
            case STOPPED, IDLE, FAILED, DEGRADED -> Decision.ACCEPT;
            default -> Decision.CONFLICT;
        };
    }

    /** {@code stop}: a no-op when stopped or stopping; refused while starting or being deleted. */
    public static Decision onStop(String state) {
        return switch (state) {
            case STOPPED, STOPPING -> Decision.NO_OP;
            case RUNNING, IDLE, DEGRADED, FAILED -> Decision.ACCEPT;
            default -> Decision.CONFLICT;
        };
    }

    /** The state a stop puts the service in at once: a failed service that never ran has nothing to stop. */
    public static String afterStop(String state, boolean provisioned) {
        return FAILED.equals(state) && !provisioned ? STOPPED : STOPPING;
    }

    /** DELETE is allowed only on a stopped service. */
    public static boolean canDelete(String state) {
        return STOPPED.equals(state);
    }
}
