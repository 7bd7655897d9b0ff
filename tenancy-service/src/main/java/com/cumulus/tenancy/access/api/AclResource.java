package com.cumulus.tenancy.access.api;

import com.cumulus.tenancy.access.Access;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.project.repository.ProjectRepository;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Seed 001 ACL of one organization, computed from the caller's roles (own and through groups). */
@Path("/api/v1/organizations/{organizationID}/acl")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AclResource {

    public record AclEndpoint(String name, List<String> operations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AclScope(String id, List<AclEndpoint> endpoints) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acl(AclScope global, AclScope organization, List<AclScope> projects) {
    }

    private final AccessService access;
    private final ProjectRepository projects;
    private final CurrentCaller callers;

    public AclResource(AccessService access, ProjectRepository projects, CurrentCaller callers) {
        this.access = access;
        this.projects = projects;
        this.callers = callers;
    }

    /** The caller's permissions in the organization and (the same) in each of its projects. */
    @GET
    public Uni<Acl> organization(@PathParam("organizationID") String org) {
        var orgId = AccessService.parseId(org, "organization");
        return Panache.withSession(() -> access.access(callers.get(), orgId)
                .chain((Access a) -> projects.find("organizationId = ?1 order by name, id", orgId).list()
                        .map(list -> {
                            Set<String> perms = a.platformAdmin() ? Permissions.ALL : a.permissions();
                            List<AclEndpoint> eps = endpoints(perms);
                            List<AclScope> scopes = new ArrayList<>();
                            list.forEach(p -> scopes.add(new AclScope(p.id.toString(), eps.stream()
                                    .filter(e -> e.name().equals("projects") || e.name().equals("notifications"))
                                    .toList())));
                            return new Acl(null, new AclScope(orgId.toString(), eps), scopes);
                        })));
    }

    /** {@code projects.create} -> endpoint {@code projects}, operation {@code create}; {@code manage} = create, update, delete. */
    static List<AclEndpoint> endpoints(Set<String> permissions) {
        Map<String, Set<String>> byEndpoint = new TreeMap<>();
        for (String p : permissions) {
            String[] parts = p.split("\\.");
            Set<String> ops = byEndpoint.computeIfAbsent(parts[0], k -> new TreeSet<>());
            if (parts[1].equals("manage")) {
                ops.addAll(List.of("create", "update", "delete"));
            } else if (parts[1].equals("write")) {
                ops.addAll(List.of("create", "update"));
            } else {
                ops.add(parts[1]);
            }
        }
        return byEndpoint.entrySet().stream().map(e -> new AclEndpoint(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
