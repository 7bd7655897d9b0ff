package com.cumulus.tenancy.organization.repository;

import com.cumulus.tenancy.organization.domain.UserProfile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class UserProfileRepository implements PanacheRepositoryBase<UserProfile, String> {

    public Uni<Map<String, UserProfile>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("userId in ?1", ids).list()
                .map(list -> list.stream().collect(Collectors.toMap(p -> p.userId, Function.identity())));
    }

    public Uni<List<UserProfile>> byEmail(String email) {
        return find("lower(email) = lower(?1)", email).list();
    }
}
