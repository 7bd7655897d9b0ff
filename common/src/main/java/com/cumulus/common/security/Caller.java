package com.cumulus.common.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as identity's access token says (claims documented in docs/security.md).
 *
 * @param subject        user id, service-account id, API key id or client id
 * @param principalType  {@code user}, {@code service_account}, {@code api_key} or {@code client}
 * @param email          the user's email, when the subject is a user
 * @param organizations  organization id to the roles held there
 * @param platformRoles  suite-wide roles, e.g. {@code platform-admin}
 * @param sessionId      the login session the token belongs to, if any
 */
public record Caller(String subject, String principalType, String email, Map<String, Set<String>> organizations,
                     Set<String> platformRoles, String sessionId) {

    public static final String PLATFORM_ADMIN = "platform-admin";

    public boolean isMemberOf(String organizationId) {
        return organizationId != null && organizations.containsKey(organizationId);
    }

    public boolean hasRole(String organizationId, String role) {
        return organizations.getOrDefault(organizationId, Set.of()).contains(role);
    }

    public boolean isPlatformAdmin() {
        return platformRoles.contains(PLATFORM_ADMIN);
    }

    public Set<String> rolesIn(String organizationId) {
        return organizations.getOrDefault(organizationId, Set.of());
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }
}
