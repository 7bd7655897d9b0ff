package com.cumulus.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Old entry point kept while services move to {@link CurrentCaller} / {@link CallerClaims}. */
public final class CallerProducer {

    private CallerProducer() {
    }

    public static Caller fromToken(JsonWebToken token) {
        return CallerClaims.fromToken(token);
    }
}
