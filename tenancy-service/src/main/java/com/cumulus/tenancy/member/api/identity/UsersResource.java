package com.cumulus.tenancy.member.api.identity;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.tenancy.member.api.identity.UserDtos.UserRead;
import com.cumulus.tenancy.member.api.identity.UserDtos.UserWrite;
import com.cumulus.tenancy.organization.service.MembershipService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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

import java.util.List;
import java.util.Set;

/** Seed 001: {@code /api/v1/organizations/{organizationID}/users}. */
@Path("/api/v1/organizations/{organizationID}/users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final MembershipService members;
    private final CurrentCaller callers;

    public UsersResource(MembershipService members, CurrentCaller callers) {
        this.members = members;
        this.callers = callers;
    }

    @GET
    public Uni<List<UserRead>> list(@PathParam("organizationID") String org) {
        return members.list(callers.get(), AccessService.parseId(org, "organization"))
                .map(l -> l.stream().map(UserRead::of).toList());
    }

    @POST
    public Uni<Response> add(@PathParam("organizationID") String org, UserWrite body) {
        bodies.valid(body);
        Set<String> roles = body.spec().roles() == null || body.spec().roles().isEmpty() ? Set.of("reader")
                : body.spec().roles();
        return members.add(callers.get(), AccessService.parseId(org, "organization"), body.spec().subject(), roles,
                        body.spec().state())
                .map(m -> Response.status(201).entity(UserRead.of(m)).build());
    }

    @PUT
    @Path("/{userID}")
    public Uni<UserRead> update(@PathParam("organizationID") String org, @PathParam("userID") String userId,
                                UserWrite body) {
        bodies.valid(body);
        Set<String> roles = body.spec().roles() == null || body.spec().roles().isEmpty() ? null : body.spec().roles();
        return members.change(callers.get(), AccessService.parseId(org, "organization"), userId, roles, body.spec().state())
                .map(UserRead::of);
    }

    @DELETE
    @Path("/{userID}")
    public Uni<Response> delete(@PathParam("organizationID") String org, @PathParam("userID") String userId) {
        return members.remove(callers.get(), AccessService.parseId(org, "organization"), userId)
                .map(v -> Response.noContent().build());
    }
}
