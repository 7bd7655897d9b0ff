package com.cumulus.tenancy.member.api.connect;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.organization.api.connect.ConnectOrgObject;
import com.cumulus.tenancy.organization.service.MembershipService;
import com.cumulus.tenancy.organization.service.MembershipService.Member;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.TreeSet;

/** Seed 002: {@code /orgs/{org}/members/{member}} and {@code /orgs/{org}/associates/{associate}}. */
@Path("/orgs/{org}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class ConnectMembersResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectUser(String id, String username, String email, @JsonProperty("first_name") String firstName,
                              @JsonProperty("last_name") String lastName) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectMemberObject(String type, @JsonProperty("api_version") String apiVersion, String id,
                                      String name, String title, String state, ConnectUser user,
                                      @JsonProperty("role_urls") List<String> roleUrls,
                                      @JsonProperty("created_at") OffsetDateTime createdAt, String url) {
        public static ConnectMemberObject of(String type, String orgId, Member m) {
            String userId = m.membership().userId;
            ConnectUser user = new ConnectUser(userId, m.email() != null ? m.email() : userId, m.email(),
                    m.profile() == null ? null : m.profile().firstName, m.profile() == null ? null : m.profile().lastName);
            String base = "/orgs/" + orgId;
            return new ConnectMemberObject(type, ConnectOrgObject.API_VERSION, userId, userId, m.displayName(),
                    m.membership().state.equals("active") ? "enabled" : "disabled", user,
                    m.membership().roleSet().stream().map(r -> base + "/roles/" + r).toList(),
                    m.membership().joinedAt, base + "/" + type + "s/" + userId);
        }
    }

    public record ConnectMemberPatch(
            @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String state,
            @JsonProperty("role_urls") @Size(min = 1, max = 20) List<@Size(max = 512) String> roleUrls) {
    }

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final OrganizationService organizations;
    private final MembershipService members;
    private final CurrentCaller callers;

    public ConnectMembersResource(OrganizationService organizations, MembershipService members, CurrentCaller callers) {
        this.organizations = organizations;
        this.members = members;
        this.callers = callers;
    }

    @GET
    @Path("/members/{member}")
    public Uni<ConnectMemberObject> member(@PathParam("org") String org, @PathParam("member") String member) {
        return read("member", org, member);
    }

    @GET
    @Path("/associates/{associate}")
    public Uni<ConnectMemberObject> associate(@PathParam("org") String org, @PathParam("associate") String associate) {
        return read("associate", org, associate);
    }

    private Uni<ConnectMemberObject> read(String type, String org, String userId) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> members.get(callers.get(), o.id, userId)
                        .map(m -> ConnectMemberObject.of(type, o.id.toString(), m)));
    }

    @PATCH
    @Path("/members/{member}")
    public Uni<ConnectMemberObject> patch(@PathParam("org") String org, @PathParam("member") String member,
                                          ConnectMemberPatch body) {
        bodies.valid(body);
        Set<String> roles = null;
        if (body.roleUrls() != null) {
            roles = new TreeSet<>();
            for (String url : body.roleUrls()) {
                roles.add(url.substring(url.lastIndexOf('/') + 1));
            }
        }
        String state = body.state() == null ? null : body.state().equals("enabled") ? "active" : "suspended";
        Set<String> finalRoles = roles;
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> members.change(callers.get(), o.id, member, finalRoles, state)
                        .map(m -> ConnectMemberObject.of("member", o.id.toString(), m)));
    }

    @DELETE
    @Path("/members/{member}")
    public Uni<ConnectMemberObject> delete(@PathParam("org") String org, @PathParam("member") String member) {
        return organizations.resolve(callers.get(), org, Permissions.MEMBERS_READ)
                .chain(o -> members.get(callers.get(), o.id, member)
                        .chain(m -> members.remove(callers.get(), o.id, member)
                                .replaceWith(ConnectMemberObject.of("member", o.id.toString(), m))));
    }
}
