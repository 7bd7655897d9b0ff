package com.cumulus.common.security;

import com.cumulus.common.events.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import java.util.Map;
import java.util.Set;

/**
 * The request's {@link Caller}, resolved once per request from the verified token. A request-scoped class rather
 * than a producer of the record, because normal-scoped beans need a proxyable type and records are final.
 */
@RequestScoped
public class CurrentCaller {

    private static final Caller ANONYMOUS = new Caller(null, "anonymous", null, Map.of(), Set.of(), null);

    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                caller = ANONYMOUS;
            } else {
                caller = identity.getAttribute(CallerClaims.ATTRIBUTE) instanceof Caller known
                        ? known : CallerClaims.fromToken(token);
                MDC.put(RequestIds.MDC_ACTOR_TYPE, caller.principalType());
            }
        }
        return caller;
    }
}
