package com.cumulus.gateway.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-upstream breaker: after {@code threshold} consecutive transport failures the circuit opens and calls are
 * answered 503 at once; after {@code openNanos} one trial call is let through, and its outcome closes or reopens it.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final long openNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean trial = new AtomicBoolean();
    private volatile boolean open;
    private volatile long openedAt;

    public CircuitBreaker(int threshold, long openNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
    }

    public boolean allow() {
        if (!open) {
            return true;
        }
        if (System.nanoTime() - openedAt < openNanos) {
            return false;
        }
        return trial.compareAndSet(false, true);
    }

    /** Seconds until a trial call may pass (for Retry-After). */
    public long retryAfterSeconds() {
        long left = openNanos - (System.nanoTime() - openedAt);
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    public void success() {
        if (open || failures.get() != 0) {
            failures.set(0);
            open = false;
            trial.set(false);
        }
    }

    public void failure() {
        if (failures.incrementAndGet() >= threshold || open) {
            openedAt = System.nanoTime();
            open = true;
        }
        trial.set(false);
    }

    public boolean isOpen() {
        return open;
    }
}
