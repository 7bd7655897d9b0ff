package com.cumulus.tenancy.access;

import com.cumulus.common.events.RequestIds;
import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CallerProducer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import java.util.Map;
import java.util.Set;

/**
 * The request's {@link Caller}, built from the verified token with common's {@link CallerProducer#fromToken}.
 * (common's request-scoped {@code Caller} producer cannot be injected: a normal-scoped bean cannot be a record.)
 */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private Caller caller;

    public Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                caller = new Caller(null, "anonymous", null, Map.of(), Set.of(), null);
            } else {
                caller = CallerProducer.fromToken(token);
                MDC.put(RequestIds.MDC_ACTOR_TYPE, caller.principalType());
            }
        }
        return caller;
    }
}
