package com.cumulus.identity.account.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.identity.security.CurrentCaller;
import com.cumulus.identity.account.api.AccountDtos.ActivateWrite;
import com.cumulus.identity.account.api.AccountDtos.EmailWrite;
import com.cumulus.identity.account.api.AccountDtos.LoginWrite;
import com.cumulus.identity.account.api.AccountDtos.RegisterWrite;
import com.cumulus.identity.account.api.AccountDtos.ResetWrite;
import com.cumulus.identity.account.api.AccountDtos.RoleUserUpdate;
import com.cumulus.identity.account.api.AccountDtos.RoleUserWrite;
import com.cumulus.identity.account.service.AccountService;
import com.cumulus.identity.web.AccountEnvelope;
import com.cumulus.identity.web.Validation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 003 account API (the identity part): session, register, password reset, me, role users. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountService accounts;
    @Inject
    AccountEnvelope envelope;
    @Inject
    Validation validation;
    @Inject
    CurrentCaller callers;

    @POST
    @Path("/session")
    public Uni<Response> login(LoginWrite body, @QueryParam("indent") Integer indent, @Context HttpServerRequest request) {
        validation.check(body);
        return accounts.login(body.email(), body.password(), source(request))
                .map(result -> envelope.of(200, indent, result));
    }

    @DELETE
    @Path("/session/logout")
    @Authenticated
    public Uni<Response> logout(@QueryParam("others") String others, @QueryParam("indent") Integer indent) {
        return accounts.logout(callers.get(), "true".equalsIgnoreCase(others))
                .map(ignored -> envelope.of(202, indent, null));
    }

    @POST
    @Path("/forgot-password")
    public Uni<Response> forgot(EmailWrite body, @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.forgotPassword(body.email()).map(ignored -> envelope.of(201, indent, null));
    }

    @PUT
    @Path("/reset-password")
    public Uni<Response> reset(ResetWrite body, @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.resetPassword(body.resetToken(), body.password()).map(ignored -> envelope.of(202, indent, null));
    }

    @POST
    @Path("/register")
    public Uni<Response> register(RegisterWrite body, @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.register(body).map(result -> envelope.of(201, indent, result));
    }

    @POST
    @Path("/register/approve-code")
    public Uni<Response> resend(EmailWrite body, @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.resendCode(body.email()).map(ignored -> envelope.of(202, indent, null));
    }

    @PUT
    @Path("/register/{registrationId}")
    public Uni<Response> activate(@PathParam("registrationId") String registrationId, ActivateWrite body,
                                  @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.activate(registrationId, body).map(result -> envelope.of(202, indent, result));
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<Response> me(@QueryParam("indent") Integer indent) {
        return accounts.me(callers.get()).map(result -> envelope.of(200, indent, result));
    }

    @POST
    @Path("/{kind:admins|billings|developers}")
    @Authenticated
    public Uni<Response> createRoleUser(@PathParam("kind") String kind, RoleUserWrite body,
                                        @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.createRoleUser(callers.get(), role(kind), body).map(result -> envelope.of(201, indent, result));
    }

    @GET
    @Path("/{kind:admins|billings|developers}/{id}")
    @Authenticated
    public Uni<Response> getRoleUser(@PathParam("kind") String kind, @PathParam("id") String id,
                                     @QueryParam("indent") Integer indent) {
        return accounts.getRoleUser(callers.get(), role(kind), id).map(result -> envelope.of(200, indent, result));
    }

    @PUT
    @Path("/{kind:admins|billings|developers}/{id}")
    @Authenticated
    public Uni<Response> updateRoleUser(@PathParam("kind") String kind, @PathParam("id") String id,
                                        RoleUserUpdate body, @QueryParam("indent") Integer indent) {
        validation.check(body);
        return accounts.updateRoleUser(callers.get(), role(kind), id, body).map(result -> envelope.of(202, indent, result));
    }

    @DELETE
    @Path("/{kind:admins|billings|developers}/{id}")
    @Authenticated
    public Uni<Response> deleteRoleUser(@PathParam("kind") String kind, @PathParam("id") String id,
                                        @QueryParam("indent") Integer indent) {
        return accounts.deleteRoleUser(callers.get(), role(kind), id).map(ignored -> envelope.of(202, indent, null));
    }

    static String role(String kind) {
        return switch (kind) {
            case "admins" -> "admin";
            case "billings" -> "billing";
            case "developers" -> "developer";
            default -> throw ApiException.notFound("resource");
        };
    }

    /** The client address: the gateway's X-Forwarded-For, else the peer. */
    public static String source(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().host();
    }
}
