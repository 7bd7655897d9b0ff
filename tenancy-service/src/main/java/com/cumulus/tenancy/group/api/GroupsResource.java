package com.cumulus.tenancy.group.api;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.api.RolesResource;
import com.cumulus.tenancy.group.GroupService;
import com.cumulus.tenancy.group.GroupService.GroupDraft;
import com.cumulus.tenancy.organization.domain.Group;
import com.cumulus.tenancy.organization.service.Names;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Seed 001: {@code /api/v1/organizations/{organizationID}/groups}. {@code roleIDs} take role ids or names. */
@Path("/api/v1/organizations/{organizationID}/groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupsResource {

    public record GroupMetadataWrite(
            @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL_REGEX, message = "must be a valid Kubernetes label value") String name,
            @Size(max = 1024) String description) {
    }

    public record GroupSpec(List<@Size(max = 128) String> userIDs, List<@Size(max = 128) String> serviceAccountIDs,
                            List<@Size(max = 64) String> roleIDs) {
    }

    public record GroupWrite(@NotNull @Valid GroupMetadataWrite metadata, @Valid GroupSpec spec) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupMetadata(String id, String name, String description, String organizationId,
                                OffsetDateTime creationTime, String createdBy, OffsetDateTime modifiedTime,
                                String modifiedBy) {
    }

    public record GroupRead(GroupMetadata metadata, GroupSpec spec) {
        static GroupRead of(Group g) {
            return new GroupRead(new GroupMetadata(g.id.toString(), g.name, g.description, g.organizationId.toString(),
                    g.createdAt, g.createdBy, g.modifiedAt, g.modifiedBy),
                    new GroupSpec(GroupService.split(g.userIds), GroupService.split(g.serviceAccountIds),
                            GroupService.split(g.roleIds).stream().map(RolesResource::roleId).toList()));
        }
    }

    private static final Map<String, String> ROLE_BY_ID = com.cumulus.tenancy.access.Permissions.BUILT_IN.keySet()
            .stream().collect(Collectors.toMap(RolesResource::roleId, Function.identity()));

    private final GroupService groups;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public GroupsResource(GroupService groups, Bodies bodies, CurrentCaller callers) {
        this.groups = groups;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    public Uni<List<GroupRead>> list(@PathParam("organizationID") String org) {
        return groups.list(callers.get(), AccessService.parseId(org, "organization"))
                .map(l -> l.stream().map(GroupRead::of).toList());
    }

    @POST
    public Uni<Response> create(@PathParam("organizationID") String org, GroupWrite body) {
        bodies.valid(body);
        return groups.create(callers.get(), AccessService.parseId(org, "organization"), draft(body))
                .map(g -> Response.status(201).entity(GroupRead.of(g)).build());
    }

    @GET
    @Path("/{groupid}")
    public Uni<GroupRead> get(@PathParam("organizationID") String org, @PathParam("groupid") String id) {
        return groups.get(callers.get(), AccessService.parseId(org, "organization"), id).map(GroupRead::of);
    }

    @PUT
    @Path("/{groupid}")
    public Uni<GroupRead> update(@PathParam("organizationID") String org, @PathParam("groupid") String id,
                                 GroupWrite body) {
        bodies.valid(body);
        return groups.update(callers.get(), AccessService.parseId(org, "organization"), id, draft(body))
                .map(GroupRead::of);
    }

    @DELETE
    @Path("/{groupid}")
    public Uni<Response> delete(@PathParam("organizationID") String org, @PathParam("groupid") String id) {
        return groups.delete(callers.get(), AccessService.parseId(org, "organization"), id)
                .map(v -> Response.noContent().build());
    }

    private static GroupDraft draft(GroupWrite b) {
        GroupSpec s = b.spec() == null ? new GroupSpec(List.of(), List.of(), List.of()) : b.spec();
        List<String> roles = s.roleIDs() == null ? null
                : s.roleIDs().stream().map(r -> ROLE_BY_ID.getOrDefault(r, r)).toList();
        return new GroupDraft(b.metadata().name(), b.metadata().description(), s.userIDs(), s.serviceAccountIDs(), roles);
    }
}
