package com.cumulus.identity.federation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.federation.domain.IdentityProvider;
import com.cumulus.identity.federation.repository.IdentityProviderRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Seed 002 user registries over identity's own data: the local registry (users with a Cumulus password) and one
 * registry per upstream provider the caller may see (system providers; an organization's providers for its members).
 * Users are visible to themselves, to platform admins, and to callers who share an organization with them.
 */
@ApplicationScoped
public class RegistryService {

    public static final String LOCAL_NAME = "cumulus-local";
    public static final UUID LOCAL_ID = UUID.nameUUIDFromBytes(LOCAL_NAME.getBytes(StandardCharsets.UTF_8));
    private static final int MAX_RESULTS = 100;

    /** A registry: the local one ({@code provider} null) or an upstream provider's. */
    public record Registry(UUID id, String name, IdentityProvider provider) {
        public boolean local() {
            return provider == null;
        }
    }

    private final IdentityProviderRepository providers;
    private final UserRepository users;

    public RegistryService(IdentityProviderRepository providers, UserRepository users) {
        this.providers = providers;
        this.users = users;
    }

    /** The registries the caller may see: local first, then system providers, then the caller's organizations'. */
    public Uni<List<Registry>> visible(Caller caller) {
        List<UUID> orgs = organizations(caller);
        return (orgs.isEmpty() ? providers.system() : providers.systemAndOf(orgs)).map(list -> {
            List<Registry> out = new ArrayList<>();
            out.add(new Registry(LOCAL_ID, LOCAL_NAME, null));
            list.forEach(p -> out.add(new Registry(p.id, p.name, p)));
            return out;
        });
    }

    /** A registry by id or name, as the caller may see it (another organization's provider: 404). */
    public Uni<Registry> find(Caller caller, String idOrName) {
        return visible(caller).map(all -> all.stream()
                .filter(r -> r.id().toString().equals(idOrName) || r.name().equals(idOrName))
                .findFirst().orElseThrow(() -> ApiException.notFound("user registry")));
    }

    /** Users of the registry whose email (the username) or name contains the query, visible to the caller. */
    public Uni<List<User>> search(Caller caller, String idOrName, String username, String email) {
        if ((username == null || username.isBlank()) && (email == null || email.isBlank())) {
            return Uni.createFrom().failure(ApiException.invalid("username", "username or email is required"));
        }
        if ((username != null && username.length() > 255) || (email != null && email.length() > 255)) {
            return Uni.createFrom().failure(ApiException.invalid(username != null ? "username" : "email",
                    "must be at most 255 characters"));
        }
        return find(caller, idOrName).chain(registry -> {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder(registryFilter(registry, args));
            if (username != null && !username.isBlank()) {
                String p = bind(args, "%" + like(username.trim().toLowerCase(Locale.ROOT)) + "%");
                sql.append(" and (u.email like ").append(p).append(" or lower(coalesce(u.first_name, '') || ' '"
                        + " || coalesce(u.last_name, '')) like ").append(p).append(")");
            }
            if (email != null && !email.isBlank()) {
                sql.append(" and u.email = ").append(bind(args, User.normalize(email)));
            }
            sql.append(visibilityFilter(caller, args));
            return users.matching(sql.toString(), Tuple.from(args), MAX_RESULTS);
        });
    }

    /** One user of the registry by id or username (email), if the caller may see it. */
    public Uni<User> user(Caller caller, String idOrName, String user) {
        return find(caller, idOrName).chain(registry -> {
            UUID id = FederationService.uuid(user);
            List<Object> args = new ArrayList<>();
            String sql = registryFilter(registry, args) + (id != null ? " and u.id = " + bind(args, id)
                    : " and u.email = " + bind(args, User.normalize(user))) + visibilityFilter(caller, args);
            return users.matching(sql, Tuple.from(args), 1);
        }).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("user");
            }
            return found.get(0);
        });
    }

    private static String registryFilter(Registry registry, List<Object> args) {
        return registry.local() ? "u.password_hash is not null"
                : "exists (select 1 from federated_identity f where f.user_id = u.id and f.provider_id = "
                + bind(args, registry.id()) + ")";
    }

    private static String visibilityFilter(Caller caller, List<Object> args) {
        if (caller.isPlatformAdmin()) {
            return "";
        }
        String self = bind(args, caller.subject() == null ? "" : caller.subject());
        String orgs = bind(args, organizations(caller).toArray(new UUID[0]));
        return " and (cast(u.id as text) = " + self + " or exists (select 1 from membership m where m.user_id = u.id"
                + " and m.organization_id = any(" + orgs + ")))";
    }

    /** Adds a parameter; its placeholder. */
    private static String bind(List<Object> args, Object value) {
        args.add(value);
        return "$" + args.size();
    }

    static List<UUID> organizations(Caller caller) {
        List<UUID> out = new ArrayList<>();
        if (caller.organizations() != null) {
            for (String org : caller.organizations().keySet()) {
                UUID id = FederationService.uuid(org);
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
