package com.cumulus.tenancy.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The permission catalogue and what the built-in roles grant. */
public final class Permissions {

    public static final String ORG_READ = "organizations.read";
    public static final String ORG_UPDATE = "organizations.update";
    public static final String ORG_DELETE = "organizations.delete";
    public static final String MEMBERS_READ = "members.read";
    public static final String MEMBERS_MANAGE = "members.manage";
    public static final String PROJECTS_READ = "projects.read";
    public static final String PROJECTS_CREATE = "projects.create";
    public static final String PROJECTS_UPDATE = "projects.update";
    public static final String PROJECTS_DELETE = "projects.delete";
    public static final String QUOTAS_READ = "quotas.read";
    public static final String QUOTAS_MANAGE = "quotas.manage";
    public static final String ACTIVITIES_READ = "activities.read";
    public static final String NOTIFICATIONS_WRITE = "notifications.write";

    public static final Set<String> ALL = Set.of(ORG_READ, ORG_UPDATE, ORG_DELETE, MEMBERS_READ, MEMBERS_MANAGE,
            PROJECTS_READ, PROJECTS_CREATE, PROJECTS_UPDATE, PROJECTS_DELETE, QUOTAS_READ, QUOTAS_MANAGE,
            ACTIVITIES_READ, NOTIFICATIONS_WRITE);

    private static final Set<String> READ = Set.of(ORG_READ, MEMBERS_READ, PROJECTS_READ, QUOTAS_READ, ACTIVITIES_READ);

    /** Built-in roles; platform-admin is a platform role and implies everything everywhere. */
    public static final Map<String, Set<String>> BUILT_IN = builtIn();

    private Permissions() {
    }

    private static Map<String, Set<String>> builtIn() {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        roles.put("admin", ALL);
        Set<String> developer = new TreeSet<>(READ);
        developer.addAll(Set.of(PROJECTS_CREATE, PROJECTS_UPDATE, NOTIFICATIONS_WRITE));
        roles.put("developer", Set.copyOf(developer));
        roles.put("billing", READ);
        roles.put("reader", READ);
        return Map.copyOf(roles);
    }

    public static Set<String> of(Set<String> roles) {
        Set<String> out = new TreeSet<>();
        for (String role : roles) {
            out.addAll(BUILT_IN.getOrDefault(role, Set.of()));
        }
        return out;
    }
}
