package com.cumulus.provisioning.quota;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tenancy's internal quota endpoint (CONTRACTS.md); base URL {@code quarkus.rest-client.tenancy.url}. */
@RegisterRestClient(configKey = "tenancy")
@Path("/internal/organizations/{organizationId}/quota-reservations")
public interface TenancyQuotaClient {

    /** 201 with the reservation, 409 over quota, 404 when the caller is not a member. */
    @POST
    Uni<Response> reserve(@PathParam("organizationId") String organizationId,
                          @HeaderParam("Authorization") String authorization,
                          QuotaReservationRequest request);

    /** 204, idempotent. */
    @DELETE
    @Path("/{reference}")
    Uni<Response> release(@PathParam("organizationId") String organizationId,
                          @PathParam("reference") String reference,
                          @HeaderParam("Authorization") String authorization);
}
