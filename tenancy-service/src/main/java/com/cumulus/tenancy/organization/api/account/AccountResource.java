package com.cumulus.tenancy.organization.api.account;

import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.organization.service.OrganizationChange;
import com.cumulus.tenancy.organization.service.OrganizationService;
import com.cumulus.tenancy.web.AccountResponses;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 003: {@code /api/v1/account} is the caller's organization. */
@Path("/api/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @jakarta.inject.Inject
    com.cumulus.tenancy.web.Bodies bodies;

    private final OrganizationService service;
    private final AccountResponses responses;
    private final CurrentCaller callers;

    public AccountResource(OrganizationService service, AccountResponses responses, CurrentCaller callers) {
        this.service = service;
        this.responses = responses;
        this.callers = callers;
    }

    @GET
    @Authenticated
    public Uni<Response> get(@QueryParam("indent") Integer indent) {
        return service.account(callers.get()).map(o -> responses.of(200, AccountContent.of(o), indent));
    }

    @PUT
    @Authenticated
    public Uni<Response> update(@QueryParam("indent") Integer indent, AccountContent body) {
        bodies.valid(body);
        OrganizationChange change = new OrganizationChange(null, body.organizationName(), null, null, null, null,
                null, body.address(), body.phone(), body.email());
        return service.updateAccount(callers.get(), change).map(o -> responses.of(202, AccountContent.of(o), indent));
    }

    @DELETE
    @Authenticated
    public Uni<Response> delete(@QueryParam("indent") Integer indent) {
        return service.deleteAccount(callers.get()).map(v -> responses.of(202, null, indent));
    }

    @OPTIONS
    public Response options() {
        return AccountResponses.options("GET, PUT, DELETE");
    }
}
