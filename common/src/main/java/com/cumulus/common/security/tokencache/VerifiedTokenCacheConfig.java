package com.cumulus.common.security.tokencache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code cumulus.security.verified-token-cache.*}: see {@link VerifiedTokens}. */
@ConfigMapping(prefix = "cumulus.security.verified-token-cache")
public interface VerifiedTokenCacheConfig {

    /**
     * How long an access token whose signature quarkus-oidc verified is recognised again without a second check
     * (never past its {@code exp}); bounds how long a signing key removed from identity's JWKS keeps working for
     * tokens already seen. 0 disables the cache.
     */
    @WithDefault("PT1M")
    Duration ttl();

    /** At most this many verified tokens are remembered. */
    @WithDefault("10000")
    int maxSize();
}
