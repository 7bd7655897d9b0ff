package com.cumulus.tenancy.notification.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.notification.domain.Notification;
import com.cumulus.tenancy.notification.service.NotificationService;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.List;

/** Seed 000: {@code /console/projects/{projectId}/notifications}. */
@Path("/console/projects/{projectId}/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsoleNotificationsResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleNotification(String id, String title, @JsonProperty("topic_id") String topicId,
                                      String description, String url, OffsetDateTime timestamp, String source,
                                      String level, String topic, String status) {
        static ConsoleNotification of(Notification n) {
            return new ConsoleNotification(n.id.toString(), n.title, n.topicId, n.description, n.url, n.createdAt,
                    n.source, n.level, n.topic, n.status);
        }
    }

    /** {@code id}, {@code topic} and {@code topic_id} in the body are ignored: the path decides them. */
    public record ConsoleNotificationWrite(String id, @Size(max = 200) String title,
                                           @JsonProperty("topic_id") String topicId,
                                           @Size(max = 2000) String description, @Size(max = 2048) String url,
                                           OffsetDateTime timestamp, @Size(max = 100) String source,
                                           String level, String topic, String status) {
    }

    private final NotificationService notifications;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConsoleNotificationsResource(NotificationService notifications, Bodies bodies, CurrentCaller callers) {
        this.notifications = notifications;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    public Uni<List<ConsoleNotification>> list(@PathParam("projectId") String projectId) {
        return notifications.list(callers.get(), AccessService.parseId(projectId, "project"))
                .map(l -> l.stream().map(ConsoleNotification::of).toList());
    }

    @POST
    @Path("/{topic}/{topicId}")
    public Uni<Response> post(@PathParam("projectId") String projectId, @PathParam("topic") String topic,
                              @PathParam("topicId") String topicId, ConsoleNotificationWrite body) {
        bodies.valid(body);
        if (body.level() != null && !NotificationService.LEVELS.contains(body.level())) {
            throw ApiException.invalid("level", "must be one of " + NotificationService.LEVELS);
        }
        if (body.status() != null && !NotificationService.STATUSES.contains(body.status())) {
            throw ApiException.invalid("status", "must be one of " + NotificationService.STATUSES);
        }
        if (topicId.length() > 200) {
            throw ApiException.invalid("topicId", "must be at most 200 characters");
        }
        Notification n = new Notification();
        n.topic = topic;
        n.topicId = topicId;
        n.title = body.title();
        n.description = body.description();
        n.url = body.url();
        n.source = body.source();
        n.level = body.level() == null ? "info" : body.level();
        n.status = body.status();
        n.createdAt = body.timestamp();
        return notifications.post(callers.get(), AccessService.parseId(projectId, "project"), n)
                .map(x -> Response.ok().build());
    }
}
