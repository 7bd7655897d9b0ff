package com.cumulus.identity.security;

import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CallerClaims;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Set;

/**
 * The request's {@link Caller} (claims read by common's {@link CallerClaims}), plus the verified token itself,
 * which identity needs for its jti and raw claims.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                caller = new Caller(null, "anonymous", null, Map.of(), Set.of(), null);
            } else {
                caller = CallerClaims.fromToken(token);
            }
        }
        return caller;
    }

    /** The verified token itself (for its jti and raw claims). */
    public TokenPrincipal token() {
        return identity.getPrincipal() instanceof TokenPrincipal p ? p : null;
    }
}
