package com.cumulus.common.web.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a POST's first answer is kept for retries with the same {@code Idempotency-Key}. */
@ConfigMapping(prefix = "cumulus.idempotency")
public interface IdempotencyConfig {

    /** How long a completed request's response is replayed. */
    @WithDefault("24h")
    Duration ttl();

    /**
     * How long a request may stay unanswered before its key is considered abandoned (the service stopped between
     * claiming the key and storing the answer) and a retry may run the request again.
     */
    @WithDefault("60s")
    Duration pendingTimeout();

    /** How often expired keys are deleted. */
    @WithDefault("10m")
    Duration cleanupInterval();
}
