package com.cumulus.tenancy.invitation.api;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.invitation.domain.Invitation;
import com.cumulus.tenancy.invitation.service.InvitationService;
import com.cumulus.tenancy.invitation.service.InvitationService.InvitationRequest;
import com.cumulus.tenancy.web.Bodies;
import com.cumulus.tenancy.web.CloudBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Seed 004: {@code /v1/organizations/{organizationId}/invitations}. */
@Path("/v1/organizations/{organizationId}/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CloudInvitationsResource {

    public record InvitationPost(@NotBlank @Email @Size(max = 254) String email,
                                 @Pattern(regexp = "admin|developer", message = "must be admin or developer") String role) {
    }

    public record InvitationResult(String role, String id, String email, OffsetDateTime createdAt,
                                   OffsetDateTime expireAt) {
        static InvitationResult of(Invitation i) {
            return new InvitationResult(i.roleSet().contains("admin") ? "admin" : i.roleSet().iterator().next(),
                    i.id.toString(), i.email, i.createdAt, i.expiresAt);
        }
    }

    private final InvitationService invitations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public CloudInvitationsResource(InvitationService invitations, Bodies bodies, CurrentCaller callers) {
        this.invitations = invitations;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    public Uni<CloudBody<List<InvitationResult>>> list(@PathParam("organizationId") String org) {
        return invitations.list(callers.get(), AccessService.parseId(org, "organization"))
                .map(l -> CloudBody.ok(l.stream().filter(i -> i.acceptedAt == null).map(InvitationResult::of).toList()));
    }

    @POST
    public Uni<CloudBody<InvitationResult>> create(@PathParam("organizationId") String org, InvitationPost body) {
        bodies.valid(body);
        return invitations.invite(callers.get(), AccessService.parseId(org, "organization"),
                        new InvitationRequest(List.of(body.email()), Set.of(body.role() == null ? "developer" : body.role()),
                                null, false, null))
                .map(l -> CloudBody.ok(InvitationResult.of(l.get(0))));
    }

    @GET
    @Path("/{invitationId}")
    public Uni<CloudBody<InvitationResult>> get(@PathParam("organizationId") String org,
                                                @PathParam("invitationId") String id) {
        return invitations.get(callers.get(), AccessService.parseId(org, "organization"), id)
                .map(i -> CloudBody.ok(InvitationResult.of(i)));
    }

    @DELETE
    @Path("/{invitationId}")
    public Uni<CloudBody<Void>> delete(@PathParam("organizationId") String org, @PathParam("invitationId") String id) {
        return invitations.delete(callers.get(), AccessService.parseId(org, "organization"), id)
                .map(v -> CloudBody.empty());
    }
}
