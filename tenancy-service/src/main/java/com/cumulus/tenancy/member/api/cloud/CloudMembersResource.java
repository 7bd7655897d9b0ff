package com.cumulus.tenancy.member.api.cloud;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.service.MembershipService;
import com.cumulus.tenancy.organization.service.MembershipService.Member;
import com.cumulus.tenancy.web.CloudBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Seed 004: {@code /v1/organizations/{organizationId}/members}. */
@Path("/v1/organizations/{organizationId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CloudMembersResource {

    public record MemberResult(String userId, String name, String email, String role, OffsetDateTime joinedAt) {
        static MemberResult of(Member m) {
            return new MemberResult(m.membership().userId, m.displayName(), m.email(), m.membership().primaryRole(),
                    m.membership().joinedAt);
        }
    }

    public record MemberPatch(@NotNull @Pattern(regexp = "admin|developer", message = "must be admin or developer") String role) {
    }

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final MembershipService members;
    private final CurrentCaller callers;

    public CloudMembersResource(MembershipService members, CurrentCaller callers) {
        this.members = members;
        this.callers = callers;
    }

    @GET
    public Uni<CloudBody<List<MemberResult>>> list(@PathParam("organizationId") String org) {
        return members.list(callers.get(), AccessService.parseId(org, "organization"))
                .map(l -> CloudBody.ok(l.stream().map(MemberResult::of).toList()));
    }

    @GET
    @Path("/{userId}")
    public Uni<CloudBody<MemberResult>> get(@PathParam("organizationId") String org, @PathParam("userId") String userId) {
        return members.get(callers.get(), AccessService.parseId(org, "organization"), userId)
                .map(m -> CloudBody.ok(MemberResult.of(m)));
    }

    @PATCH
    @Path("/{userId}")
    public Uni<CloudBody<MemberResult>> patch(@PathParam("organizationId") String org, @PathParam("userId") String userId,
                                              MemberPatch body) {
        bodies.valid(body);
        return members.change(callers.get(), AccessService.parseId(org, "organization"), userId, Set.of(body.role()), null)
                .map(m -> CloudBody.ok(MemberResult.of(m)));
    }

    @DELETE
    @Path("/{userId}")
    public Uni<CloudBody<Void>> delete(@PathParam("organizationId") String org, @PathParam("userId") String userId) {
        return members.remove(callers.get(), AccessService.parseId(org, "organization"), userId)
                .map(v -> CloudBody.empty());
    }
}
