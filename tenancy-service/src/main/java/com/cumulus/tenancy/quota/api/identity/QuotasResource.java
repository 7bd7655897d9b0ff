package com.cumulus.tenancy.quota.api.identity;

import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.quota.service.QuotaService;
import com.cumulus.tenancy.quota.service.ReservationService;
import com.cumulus.tenancy.web.Bodies;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 001: {@code /api/v1/organizations/{organizationID}/quotas}. */
@Path("/api/v1/organizations/{organizationID}/quotas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotasResource {

    public record QuotaWrite(@NotNull @Pattern(regexp = "services|projects|memory_gb", message = "must be services, projects or memory_gb") String kind,
                             @NotNull @Min(0) @Max(1_000_000) Integer quantity) {
    }

    public record QuotasWrite(@NotEmpty List<@Valid QuotaWrite> quotas) {
    }

    public record QuotaRead(String kind, int quantity, int used, int free, int committed, int reserved,
                            String displayName, String description, @com.fasterxml.jackson.annotation.JsonProperty("default") int defaultValue) {
    }

    public record QuotasRead(List<QuotaRead> quotas) {
    }

    private static final Map<String, String[]> TEXT = Map.of(
            QuotaService.SERVICES, new String[]{"Services", "Managed service instances the organization may run."},
            QuotaService.PROJECTS, new String[]{"Projects", "Projects the organization may own."},
            QuotaService.MEMORY_GB, new String[]{"Memory (GB)", "Total memory of the organization's services."});

    private final ReservationService reservations;
    private final QuotaService quotas;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public QuotasResource(ReservationService reservations, QuotaService quotas, Bodies bodies, CurrentCaller callers) {
        this.reservations = reservations;
        this.quotas = quotas;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    public Uni<QuotasRead> get(@PathParam("organizationID") String org) {
        return reservations.quotas(callers.get(), AccessService.parseId(org, "organization")).map(this::view);
    }

    @PUT
    public Uni<QuotasRead> set(@PathParam("organizationID") String org, QuotasWrite body) {
        bodies.valid(body);
        Map<String, Integer> q = new LinkedHashMap<>();
        body.quotas().forEach(w -> q.put(w.kind(), w.quantity()));
        return reservations.setQuotas(callers.get(), AccessService.parseId(org, "organization"), q).map(this::view);
    }

    private QuotasRead view(List<QuotaService.QuotaRow> rows) {
        Map<String, Integer> defaults = quotas.defaults();
        return new QuotasRead(rows.stream().map(r -> {
            String[] text = TEXT.getOrDefault(r.kind(), new String[]{r.kind(), r.kind()});
            return new QuotaRead(r.kind(), r.quantity(), r.used(), r.free(), r.committed(), r.reserved(),
                    text[0], text[1], defaults.getOrDefault(r.kind(), 0));
        }).toList());
    }
}
