package com.cumulus.tenancy.invitation.api;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.invitation.domain.Invitation;
import com.cumulus.tenancy.invitation.service.InvitationService;
import com.cumulus.tenancy.invitation.service.InvitationService.InvitationRequest;
import com.cumulus.tenancy.organization.api.connect.ConnectOrgObject;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Seed 002: {@code /orgs/{org}/member-invitations} (create, list, get, delete, regenerate, accept, register). */
@Path("/orgs/{org}/member-invitations")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class ConnectMemberInvitationsResource {

    public record MemberInvitationCreate(@NotBlank @Email @Size(max = 254) String email,
                                         @Size(max = 255) String name, @Size(max = 1023) String title,
                                         @JsonProperty("role_urls") @Size(max = 10) List<@Size(max = 512) String> roleUrls) {
    }

    public record AcceptBody(@Size(max = 128) String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberInvitationObject(String type, @JsonProperty("api_version") String apiVersion, String id,
                                         String name, String title, String email, String state,
                                         @JsonProperty("role_urls") List<String> roleUrls,
                                         @JsonProperty("created_at") OffsetDateTime createdAt,
                                         @JsonProperty("expires_at") OffsetDateTime expiresAt, String url) {
        public static MemberInvitationObject of(Invitation i) {
            String base = "/orgs/" + i.organizationId;
            return new MemberInvitationObject("member_invitation", ConnectOrgObject.API_VERSION, i.id.toString(),
                    i.id.toString(), i.email, i.email, i.state(),
                    i.roleSet().stream().map(r -> base + "/roles/" + r).toList(), i.createdAt, i.expiresAt,
                    base + "/member-invitations/" + i.id);
        }
    }

    private final InvitationService invitations;
    private final OrganizationService organizations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConnectMemberInvitationsResource(InvitationService invitations, OrganizationService organizations,
                                            Bodies bodies, CurrentCaller callers) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.bodies = bodies;
        this.callers = callers;
    }

    @POST
    public Uni<Response> create(@PathParam("org") String org, MemberInvitationCreate body) {
        bodies.valid(body);
        Set<String> roles = new TreeSet<>();
        if (body.roleUrls() != null) {
            body.roleUrls().forEach(u -> roles.add(u.substring(u.lastIndexOf('/') + 1)));
        }
        return organizations.resolveIdInSession(callers.get(), org)
                .chain(id -> invitations.invite(callers.get(), id,
                        new InvitationRequest(List.of(body.email()), roles, null, false, null)))
                .map(l -> Response.status(201).entity(MemberInvitationObject.of(l.get(0))).build());
    }

    @GET
    public Uni<List<MemberInvitationObject>> list(@PathParam("org") String org) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> invitations.list(callers.get(), o.id))
                .map(l -> l.stream().map(MemberInvitationObject::of).toList());
    }

    @GET
    @Path("/{invitation}")
    public Uni<MemberInvitationObject> get(@PathParam("org") String org, @PathParam("invitation") String id) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> invitations.get(callers.get(), o.id, id)).map(MemberInvitationObject::of);
    }

    @DELETE
    @Path("/{invitation}")
    public Uni<MemberInvitationObject> delete(@PathParam("org") String org, @PathParam("invitation") String id) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> invitations.get(callers.get(), o.id, id)
                        .chain(i -> invitations.delete(callers.get(), o.id, id).replaceWith(MemberInvitationObject.of(i))));
    }

    @POST
    @Path("/{invitation}/regenerate")
    @Consumes(MediaType.WILDCARD)
    public Uni<MemberInvitationObject> regenerate(@PathParam("org") String org, @PathParam("invitation") String id) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> invitations.regenerate(callers.get(), o.id, id)).map(MemberInvitationObject::of);
    }

    /** The invitee (token email = invitation email) accepts; {@code code} is required for secure invitations. */
    @POST
    @Path("/{invitation}/accept")
    public Uni<MemberInvitationObject> accept(@PathParam("org") String org, @PathParam("invitation") String id,
                                              AcceptBody body) {
        if (body != null) {
            bodies.valid(body);
        }
        return invitations.accept(callers.get(), id, body == null ? null : body.code(), org)
                .map(MemberInvitationObject::of);
    }

    /**
     * A person without an account registers through the invitation's code (no token needed): 201 with the new
     * member; identity creates the account from {@code invitation.registered.v1} and mails a set-password link.
     */
    @POST
    @Path("/{invitation}/register")
    @jakarta.annotation.security.PermitAll
    public Uni<Response> register(@PathParam("org") String org, @PathParam("invitation") String id,
                                  RegistrationBody body) {
        bodies.valid(body);
        return invitations.register(id, org, body.registration())
                .map(r -> Response.status(201).entity(com.cumulus.tenancy.member.api.connect.ConnectMembersResource
                        .ConnectMemberObject.of("member", r.invitation().organizationId.toString(), r.member())).build());
    }
}
