package com.cumulus.tenancy.invitation.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.invitation.domain.Invitation;
import com.cumulus.tenancy.invitation.service.InvitationService;
import com.cumulus.tenancy.invitation.service.InvitationService.InvitationRequest;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.util.Set;

/** Seed 000: {@code /console/invites}. */
@Path("/console/invites")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsoleInvitesResource {

    /** {@code expireDays} 1..30 (default 7); {@code secure}: acceptance needs the mailed code. */
    public record InviteRequest(Integer expireDays, Boolean secure, @Size(max = 10) Set<String> roles,
                                @Size(max = 100) List<String> emails) {
    }

    /** Accept: {@code scope} is the invitation id or its code; {@code code} is the code of a secure invitation. */
    public record AcceptRequest(@Size(max = 128) String scope, @Size(max = 128) String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleInvite(String id, String email, @JsonProperty("org_id") String orgId,
                                @JsonProperty("project_id") String projectId, Set<String> roles, boolean secure,
                                @JsonProperty("creation_date") OffsetDateTime creationDate,
                                @JsonProperty("expiration_date") OffsetDateTime expirationDate, String status) {
        static ConsoleInvite of(Invitation i) {
            return new ConsoleInvite(i.id.toString(), i.email, i.organizationId.toString(),
                    i.projectId == null ? null : i.projectId.toString(), i.roleSet(), i.secure, i.createdAt,
                    i.expiresAt, i.state());
        }
    }

    private final InvitationService invitations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConsoleInvitesResource(InvitationService invitations, Bodies bodies, CurrentCaller callers) {
        this.invitations = invitations;
        this.bodies = bodies;
        this.callers = callers;
    }

    /** The caller's pending invitations (matched by the token's email). */
    @GET
    public Uni<List<ConsoleInvite>> mine() {
        return invitations.mine(callers.get()).map(l -> l.stream().map(ConsoleInvite::of).toList());
    }

    @POST
    public Uni<Response> accept(AcceptRequest body) {
        bodies.valid(body);
        if (body.scope() == null || body.scope().isBlank()) {
            throw ApiException.invalid("scope", "the invitation id or code is required");
        }
        return invitations.accept(callers.get(), body.scope(), body.code()).map(i -> Response.ok().build());
    }

    @PUT
    @Path("/orgs/{organizationId}")
    public Uni<List<ConsoleInvite>> inviteToOrganization(@PathParam("organizationId") String org, InviteRequest body) {
        bodies.valid(body);
        return invitations.invite(callers.get(), AccessService.parseId(org, "organization"), request(body))
                .map(l -> l.stream().map(ConsoleInvite::of).toList());
    }

    @PUT
    @Path("/projects/{projectId}")
    public Uni<List<ConsoleInvite>> inviteToProject(@PathParam("projectId") String project, InviteRequest body) {
        bodies.valid(body);
        return invitations.inviteToProject(callers.get(), AccessService.parseId(project, "project"), request(body))
                .map(l -> l.stream().map(ConsoleInvite::of).toList());
    }

    private static InvitationRequest request(InviteRequest b) {
        return new InvitationRequest(b.emails(), b.roles(), b.expireDays(), Boolean.TRUE.equals(b.secure()), null);
    }
}
