package com.cumulus.gateway.ratelimit;

/** A token bucket: {@code capacity} requests at once, refilled evenly at {@code capacity / period}. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;
    private long lastTaken;

    TokenBucket(long capacity, long periodNanos, long now) {
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / periodNanos;
        this.tokens = capacity;
        this.last = now;
        this.lastTaken = now;
    }

    /** Takes one token: 0 when granted, else the nanoseconds until one is available. */
    synchronized long take(long now) {
        refill(now);
        lastTaken = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** True when the bucket is full and untouched since {@code idleSince}: it can be forgotten. */
    synchronized boolean idle(long now, long idleSince) {
        refill(now);
        return tokens >= capacity && lastTaken <= idleSince;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
        }
    }
}
