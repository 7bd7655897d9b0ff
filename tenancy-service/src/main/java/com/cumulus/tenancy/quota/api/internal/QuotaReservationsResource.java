package com.cumulus.tenancy.quota.api.internal;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.web.Bodies;
import com.cumulus.tenancy.quota.service.ReservationService;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;

/**
 * Internal (never routed by the gateway): provisioning reserves quota before creating a service. The reservation is
 * provisional until provisioning's {@code service.created} confirms it; unconfirmed, it is released when its lease
 * ({@code cumulus.tenancy.reservations.lease}) runs out.
 */
@Path("/internal/organizations/{organizationId}/quota-reservations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaReservationsResource {

    public record ReservationRequest(
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,62}", message = "must be a quota kind") String kind,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @NotBlank @Size(max = 255) String reference) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReservationResult(String reservationId, String kind, int quantity, String reference, String status,
                                    OffsetDateTime expiresAt) {
    }

    private final ReservationService reservations;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public QuotaReservationsResource(ReservationService reservations, Bodies bodies, CurrentCaller callers) {
        this.reservations = reservations;
        this.bodies = bodies;
        this.callers = callers;
    }

    @POST
    public Uni<Response> reserve(@PathParam("organizationId") String org, ReservationRequest body) {
        bodies.valid(body);
        return reservations.reserve(callers.get(), AccessService.parseId(org, "organization"), body.kind(),
                        body.quantity(), body.reference())
                .map(r -> Response.status(r.created() ? 201 : 200)
                        .entity(new ReservationResult(r.reservationId(), r.kind(), r.quantity(), r.reference(),
                                r.status(), r.expiresAt())).build());
    }

    @DELETE
    @Path("/{reference}")
    public Uni<Response> release(@PathParam("organizationId") String org, @PathParam("reference") String reference) {
        return reservations.release(callers.get(), AccessService.parseId(org, "organization"), reference)
                .map(v -> Response.noContent().build());
    }
}
