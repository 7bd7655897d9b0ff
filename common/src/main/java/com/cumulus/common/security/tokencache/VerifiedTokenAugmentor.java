package com.cumulus.common.security.tokencache;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers each identity quarkus-oidc verified from a bearer token, for {@link CachedTokenIdentityProvider}. */
@ApplicationScoped
public class VerifiedTokenAugmentor implements SecurityIdentityAugmentor {
    private final VerifiedTokens tokens;

    public VerifiedTokenAugmentor(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            tokens.remember(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
