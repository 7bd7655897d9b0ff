package com.cumulus.identity.security;

import com.cumulus.identity.token.TokenService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;

import java.util.UUID;

/** Verifies the token and checks that what it belongs to (session, service-account token, API key) is still live. */
@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final TokenService tokens;
    private final Pool pool;

    public AccessTokenIdentityProvider(TokenService tokens, Pool pool) {
        this.tokens = tokens;
        this.pool = pool;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String raw = request.getToken().getToken();
        JwtClaims claims = tokens.verify(raw).orElse(null);
        if (claims == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid token"));
        }
        TokenPrincipal principal = new TokenPrincipal(raw, claims);
        return live(principal).map(ok -> {
            if (!ok) {
                throw new AuthenticationFailedException("token revoked");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal)
                    .addCredential(request.getToken())
                    .addRole(principal.stringClaim("principal_type"))
                    .build();
        });
    }

    private Uni<Boolean> live(TokenPrincipal principal) {
        String type = principal.stringClaim("principal_type");
        String sid = principal.stringClaim("sid");
        String sub = principal.stringClaim("sub");
        try {
            if (sid != null) {
                return exists("select 1 from user_session where id = $1 and revoked_at is null",
                        Tuple.of(UUID.fromString(sid)));
            }
            if ("service_account".equals(type)) {
                return exists("select 1 from service_account where id = $1 and token_jti = $2",
                        Tuple.of(UUID.fromString(sub), UUID.fromString(principal.stringClaim("jti"))));
            }
            if ("api_key".equals(type)) {
                return exists("select 1 from api_key where id = $1 and state = 'enabled'",
                        Tuple.of(UUID.fromString(sub)));
            }
            return Uni.createFrom().item(true);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(false);
        }
    }

    private Uni<Boolean> exists(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> rows.size() > 0);
    }
}
