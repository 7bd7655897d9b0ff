package com.cumulus.tenancy.activity.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.activity.domain.Activity;
import com.cumulus.tenancy.activity.service.ActivityService;
import com.cumulus.tenancy.web.CloudBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Seed 004: {@code /v1/organizations/{organizationId}/activities}. */
@Path("/v1/organizations/{organizationId}/activities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CloudActivitiesResource {

    public record ActivityResult(String id, OffsetDateTime createdAt, String type, String actorType, String actorId,
                                 String actorDetails, String actorIpAddress, String organizationId, String serviceId) {
        static ActivityResult of(Activity a) {
            return new ActivityResult(a.id.toString(), a.createdAt, a.type, a.actorType, a.actorId, a.actorDetails,
                    a.actorIp, a.organizationId, a.serviceId);
        }
    }

    private final ActivityService activities;
    private final CurrentCaller callers;

    public CloudActivitiesResource(ActivityService activities, CurrentCaller callers) {
        this.activities = activities;
        this.callers = callers;
    }

    @GET
    public Uni<CloudBody<List<ActivityResult>>> list(@PathParam("organizationId") String org,
                                                     @QueryParam("from_date") String from,
                                                     @QueryParam("to_date") String to) {
        return activities.list(callers.get(), AccessService.parseId(org, "organization"), date("from_date", from),
                date("to_date", to)).map(l -> CloudBody.ok(l.stream().map(ActivityResult::of).toList()));
    }

    @GET
    @Path("/{activityId}")
    public Uni<CloudBody<ActivityResult>> get(@PathParam("organizationId") String org,
                                              @PathParam("activityId") String id) {
        return activities.get(callers.get(), AccessService.parseId(org, "organization"), id)
                .map(a -> CloudBody.ok(ActivityResult.of(a)));
    }

    private static OffsetDateTime date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an RFC 3339 date-time");
        }
    }
}
