package com.cumulus.gateway.ratelimit;

import java.time.Duration;

/** {@code requests} per {@code period}. */
public record Limit(long requests, Duration period) {
}
