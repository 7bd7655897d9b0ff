package com.cumulus.tenancy.member.api.account;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.service.MembershipService;
import com.cumulus.tenancy.organization.service.MembershipService.Member;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.web.AccountResponses;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Seed 003: the account's users by role ({@code GET /api/v1/admins|billings|developers}). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RoleUsersResource {

    public record RoleUser(String id, String email, String firstName, String lastName, String role, String token) {
        static RoleUser of(Member m, String role) {
            return new RoleUser(m.membership().userId, m.email(), m.profile() == null ? null : m.profile().firstName,
                    m.profile() == null ? null : m.profile().lastName, role, null);
        }
    }

    private final OrganizationService organizations;
    private final MembershipService members;
    private final AccountResponses responses;
    private final CurrentCaller callers;

    public RoleUsersResource(OrganizationService organizations, MembershipService members,
                             AccountResponses responses, CurrentCaller callers) {
        this.organizations = organizations;
        this.members = members;
        this.responses = responses;
        this.callers = callers;
    }

    @GET
    @Path("/admins")
    @Authenticated
    public Uni<Response> admins(@QueryParam("indent") Integer indent) {
        return byRole("admin", indent);
    }

    @GET
    @Path("/billings")
    @Authenticated
    public Uni<Response> billings(@QueryParam("indent") Integer indent) {
        return byRole("billing", indent);
    }

    @GET
    @Path("/developers")
    @Authenticated
    public Uni<Response> developers(@QueryParam("indent") Integer indent) {
        return byRole("developer", indent);
    }

    @OPTIONS
    @Path("/{kind:admins|billings|developers}")
    public Response options() {
        return AccountResponses.options("GET, POST");
    }

    private Uni<Response> byRole(String role, Integer indent) {
        return organizations.account(callers.get())
                .chain(org -> members.withRole(callers.get(), org.id, role))
                .map(list -> responses.of(200, list.stream().map(m -> RoleUser.of(m, role)).toList(), indent));
    }

}
