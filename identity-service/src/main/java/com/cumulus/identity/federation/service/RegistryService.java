package com.cumulus.identity.federation.service;

import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.federation.domain.IdentityProvider;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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

    /** The registries the caller may see: local first, then system providers, then the caller's organizations'. */
    public Uni<List<Registry>> visible(Caller caller) {
        List<UUID> orgs = organizations(caller);
        return Panache.withSession(() -> orgs.isEmpty()
                ? IdentityProvider.<IdentityProvider>list("organizationId is null order by createdAt, name")
                : IdentityProvider.<IdentityProvider>list(
                "organizationId is null or organizationId in ?1 order by organizationId nulls first, createdAt, name",
                orgs)).map(providers -> {
            List<Registry> out = new ArrayList<>();
            out.add(new Registry(LOCAL_ID, LOCAL_NAME, null));
            providers.forEach(p -> out.add(new Registry(p.id, p.name, p)));
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
        return find(caller, idOrName).chain(registry -> Panache.withSession(() -> {
            StringBuilder sql = new StringBuilder("select u.* from app_user u where ").append(registryFilter(registry));
            if (username != null && !username.isBlank()) {
                sql.append(" and (u.email like :username or lower(coalesce(u.first_name, '') || ' '"
                        + " || coalesce(u.last_name, '')) like :username)");
            }
            if (email != null && !email.isBlank()) {
                sql.append(" and u.email = :email");
            }
            sql.append(visibilityFilter(caller)).append(" order by u.email limit ").append(MAX_RESULTS);
            return Panache.getSession().chain(s -> {
                var query = s.createNativeQuery(sql.toString(), User.class);
                if (!registry.local()) {
                    query.setParameter("provider", registry.id());
                }
                if (username != null && !username.isBlank()) {
                    query.setParameter("username", "%" + like(username.trim().toLowerCase(Locale.ROOT)) + "%");
                }
                if (email != null && !email.isBlank()) {
                    query.setParameter("email", User.normalize(email));
                }
                bindVisibility(query, caller);
                return query.getResultList();
            });
        }));
    }

    /** One user of the registry by id or username (email), if the caller may see it. */
    public Uni<User> user(Caller caller, String idOrName, String user) {
        return find(caller, idOrName).chain(registry -> Panache.withSession(() -> {
            UUID id = FederationService.uuid(user);
            String sql = "select u.* from app_user u where " + registryFilter(registry)
                    + (id != null ? " and u.id = :user" : " and u.email = :user") + visibilityFilter(caller);
            return Panache.getSession().chain(s -> {
                var query = s.createNativeQuery(sql, User.class);
                if (!registry.local()) {
                    query.setParameter("provider", registry.id());
                }
                query.setParameter("user", id != null ? id : User.normalize(user));
                bindVisibility(query, caller);
                return query.getResultList();
            });
        })).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("user");
            }
            return found.get(0);
        });
    }

    private static String registryFilter(Registry registry) {
        return registry.local() ? "u.password_hash is not null"
                : "exists (select 1 from federated_identity f where f.user_id = u.id and f.provider_id = :provider)";
    }

    private static String visibilityFilter(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return "";
        }
        return " and (cast(u.id as text) = :self or exists (select 1 from membership m where m.user_id = u.id"
                + " and m.organization_id in (:orgs)))";
    }

    private static void bindVisibility(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, Caller caller) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        List<UUID> orgs = organizations(caller);
        query.setParameter("self", caller.subject() == null ? "" : caller.subject());
        // "in ()" is not SQL: a caller without organizations matches no membership
        query.setParameter("orgs", orgs.isEmpty() ? List.of(new UUID(0, 0)) : orgs);
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
