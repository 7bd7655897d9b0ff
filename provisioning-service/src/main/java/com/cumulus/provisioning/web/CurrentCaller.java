package com.cumulus.provisioning.web;

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
 * The request's {@link Caller}. common's {@code CallerProducer} declares a {@code @RequestScoped} producer of a
 * record, which ArC rejects as soon as {@code Caller} is injected (records cannot be proxied), so this bean resolves
 * it the same way ({@link CallerProducer#fromToken}) behind a proxyable class.
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
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
