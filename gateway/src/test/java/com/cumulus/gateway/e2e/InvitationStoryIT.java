package com.cumulus.gateway.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 3: an organization admin invites users (seed 004 invitation and seed 002 member invitation), each invitee
 * accepts from the mail, gets the role, and a member of another organization sees none of it (404s).
 */
@ExtendWith(SuiteExtension.class)
class InvitationStoryIT {

    private static final Pattern ACCEPT_LINK = Pattern.compile("Accept: (\\S+)");
    private static final Pattern INVITATION_ID = Pattern.compile("Invitation: (\\S+)");
    private static final Pattern CODE = Pattern.compile("Code: (\\S+)");

    @Test
    void adminInvitesInviteesAcceptFromTheMailOutsidersSeeNothing() {
        Suite suite = SuiteExtension.suite();
        Stories.Account admin = Stories.register("org-admin", "Inviting Org");
        Stories.Account invitee = Stories.register("invitee", "Invitee Home");
        Stories.Account connectInvitee = Stories.register("connect-invitee", "Connect Home");
        Stories.Account outsider = Stories.register("outsider", "Outsider Org");
        String org = admin.organizationId();
        String adminAuth = Stories.bearer(admin.token());

        // --- seed 004: POST /v1/organizations/{id}/invitations (tenancy learns of the new organization by event)
        Response invited = Stories.eventuallyStatus(() -> given().header("Authorization", adminAuth)
                .contentType(ContentType.JSON).body(Map.of("email", invitee.email(), "role", "developer"))
                .post("/v1/organizations/" + org + "/invitations"), 200);
        String invitationId = invited.path("result.id");
        assertThat(invited.<String>path("result.email")).isEqualToIgnoringCase(invitee.email());
        assertThat(invited.<String>path("result.role")).isEqualTo("developer");
        given().header("Authorization", adminAuth).when().get("/v1/organizations/" + org + "/invitations/" + invitationId)
                .then().statusCode(200);

        // the mail names the invitation and links to the console's accept page on this gateway
        Matcher mail = Stories.awaitMail(invitee.email(), ACCEPT_LINK);
        URI link = URI.create(mail.group(1));
        assertThat(link.toString()).startsWith(suite.gateway() + "/console/invites?code=");
        String code = link.getQuery().substring("code=".length());
        String mailedId = Stories.awaitMail(invitee.email(), INVITATION_ID).group(1);
        assertThat(mailedId).isEqualTo(invitationId);

        // following the link: the invitee sees the pending invitation, then accepts it with the mailed code
        String inviteeAuth = Stories.bearer(invitee.token());
        Response pending = given().header("Authorization", inviteeAuth).get(link.getRawPath() + "?" + link.getRawQuery());
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.<List<String>>path("id")).contains(invitationId);
        Response accepted = given().header("Authorization", inviteeAuth).contentType(ContentType.JSON)
                .body(Map.of("scope", code)).post("/console/invites");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(200);
        // accepted once: the same code again is gone
        given().header("Authorization", inviteeAuth).contentType(ContentType.JSON)
                .body(Map.of("scope", code)).post("/console/invites").then().statusCode(410);

        // the invitee now holds the role: in tenancy's members, and in a fresh token's orgs claim
        Response members = given().header("Authorization", adminAuth).get("/v1/organizations/" + org + "/members");
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(members.<List<String>>path("result.findAll { it.userId == '" + invitee.userId() + "' }.role"))
                .containsExactly("developer");
        given().header("Authorization", inviteeAuth).when().get("/v1/organizations/" + org).then().statusCode(200);
        String inviteeToken = Stories.loginWithRole(invitee.email(), invitee.password(), org, "developer");
        assertThat(Stories.roles(inviteeToken, org)).containsExactly("developer");
        // a developer may not manage invitations
        given().header("Authorization", Stories.bearer(inviteeToken)).contentType(ContentType.JSON)
                .body(Map.of("email", "someone@example.test", "role", "developer"))
                .post("/v1/organizations/" + org + "/invitations").then().statusCode(403);

        // --- seed 002: POST /orgs/{org}/member-invitations, accepted with the mailed code
        Response connectInvited = given().header("Authorization", adminAuth).contentType(ContentType.JSON)
                .body(Map.of("email", connectInvitee.email(), "role_urls", List.of("/orgs/" + org + "/roles/admin")))
                .post("/orgs/" + org + "/member-invitations");
        assertThat(connectInvited.statusCode()).as(connectInvited.asString()).isEqualTo(201);
        String memberInvitationId = connectInvited.path("id");
        assertThat(connectInvited.<String>path("type")).isEqualTo("member_invitation");
        String connectCode = Stories.awaitMail(connectInvitee.email(), CODE).group(1);
        assertThat(Stories.awaitMail(connectInvitee.email(), INVITATION_ID).group(1)).isEqualTo(memberInvitationId);

        String connectAuth = Stories.bearer(connectInvitee.token());
        // somebody else cannot accept it, even with the code
        given().header("Authorization", Stories.bearer(outsider.token())).contentType(ContentType.JSON)
                .body(Map.of("code", connectCode))
                .post("/orgs/" + org + "/member-invitations/" + memberInvitationId + "/accept").then().statusCode(404);
        Response connectAccepted = given().header("Authorization", connectAuth).contentType(ContentType.JSON)
                .body(Map.of("code", connectCode))
                .post("/orgs/" + org + "/member-invitations/" + memberInvitationId + "/accept");
        assertThat(connectAccepted.statusCode()).as(connectAccepted.asString()).isEqualTo(200);

        Response member = given().header("Authorization", adminAuth)
                .get("/orgs/" + org + "/members/" + connectInvitee.userId());
        assertThat(member.statusCode()).as(member.asString()).isEqualTo(200);
        assertThat(member.<List<String>>path("role_urls")).anySatisfy(u -> assertThat(u).endsWith("/roles/admin"));
        String connectToken = Stories.loginWithRole(connectInvitee.email(), connectInvitee.password(), org, "admin");
        // as an admin of the organization the new member reads its invitations
        given().header("Authorization", Stories.bearer(connectToken))
                .get("/orgs/" + org + "/member-invitations/" + memberInvitationId).then().statusCode(200);

        // --- a member of another organization sees none of it
        String outsiderAuth = Stories.bearer(outsider.token());
        for (String path : List.of(
                "/v1/organizations/" + org,
                "/v1/organizations/" + org + "/members",
                "/v1/organizations/" + org + "/members/" + invitee.userId(),
                "/v1/organizations/" + org + "/invitations",
                "/v1/organizations/" + org + "/invitations/" + invitationId,
                "/v1/organizations/" + org + "/activities",
                "/orgs/" + org + "/member-invitations",
                "/orgs/" + org + "/member-invitations/" + memberInvitationId,
                "/orgs/" + org + "/members/" + connectInvitee.userId(),
                "/api/v1/organizations/" + org,
                "/api/v1/organizations/" + org + "/users")) {
            Response seen = given().header("Authorization", outsiderAuth).get(path);
            assertThat(seen.statusCode()).as("outsider GET " + path + ": " + seen.asString()).isEqualTo(404);
        }
        given().header("Authorization", outsiderAuth).contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.test", "role", "admin"))
                .post("/v1/organizations/" + org + "/invitations").then().statusCode(404);
        Response outsiderInvites = given().header("Authorization", outsiderAuth).get("/console/invites");
        assertThat(outsiderInvites.statusCode()).isEqualTo(200);
        assertThat(outsiderInvites.<List<String>>path("org_id")).doesNotContain(org);
        // the outsider's own organization is untouched and theirs alone
        Stories.eventuallyStatus(() -> given().header("Authorization", outsiderAuth)
                .get("/v1/organizations/" + outsider.organizationId()), 200);
    }
}
