package com.cumulus.catalog.web;

import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CallerProducer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Set;

/**
 * The caller of the current request, built from the verified token with common's {@link CallerProducer#fromToken}.
 * (common's request-scoped {@code Caller} producer cannot be injected: a record cannot be proxied.)
 */
@ApplicationScoped
public class CurrentCaller {
    private static final Caller ANONYMOUS = new Caller(null, "anonymous", null, Map.of(), Set.of(), null);

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return ANONYMOUS;
        }
        return CallerProducer.fromToken(token);
    }
}
