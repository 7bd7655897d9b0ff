package com.cumulus.tenancy.invitation.api;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.invitation.api.ConnectMemberInvitationsResource.AcceptBody;
import com.cumulus.tenancy.invitation.api.ConnectMemberInvitationsResource.MemberInvitationObject;
import com.cumulus.tenancy.invitation.service.InvitationService;
import com.cumulus.tenancy.member.api.connect.ConnectMembersResource.ConnectMemberObject;
import com.cumulus.tenancy.web.Bodies;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Seed 002: {@code /org-invitations/{invitation}/accept|register} — an invitation reached without naming its
 * organization (the invitee knows only the mailed id or code).
 */
@Path("/org-invitations/{invitation}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class OrgInvitationsResource {

    private final InvitationService invitations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public OrgInvitationsResource(InvitationService invitations, Bodies bodies, CurrentCaller callers) {
        this.invitations = invitations;
        this.bodies = bodies;
        this.callers = callers;
    }

    /** The signed-in invitee (token email = invitation email) accepts; {@code code} for secure invitations. */
    @POST
    @Path("/accept")
    public Uni<MemberInvitationObject> accept(@PathParam("invitation") String invitation, AcceptBody body) {
        if (body != null) {
            bodies.valid(body);
        }
        return invitations.accept(callers.get(), invitation, body == null ? null : body.code())
                .map(MemberInvitationObject::of);
    }

    /** A person without an account registers with the invitation's code (no token needed); 201 with the member. */
    @POST
    @Path("/register")
    @PermitAll
    public Uni<Response> register(@PathParam("invitation") String invitation, RegistrationBody body) {
        bodies.valid(body);
        return invitations.register(invitation, null, body.registration())
                .map(r -> Response.status(201).entity(ConnectMemberObject.of("member",
                        r.invitation().organizationId.toString(), r.member())).build());
    }
}
