package com.cumulus.provisioning.backup.application;

import com.cumulus.common.errors.ApiException;
import com.cumulus.provisioning.backup.domain.BackupSchedule;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reading backups and the backup configuration of a service. */
@ApplicationScoped
public class BackupUseCases {

    public static final String PERIOD = "backupPeriodInHours";
    public static final String RETENTION = "backupRetentionPeriodInHours";
    public static final String START_TIME = "backupStartTime";

    private final ServiceUseCases services;
    private final ProvisioningEvents events;
    private final ProvisioningConfig.Backups defaults;

    public BackupUseCases(ServiceUseCases services, ProvisioningEvents events, ProvisioningConfig config) {
        this.services = services;
        this.events = events;
        this.defaults = config.backups();
    }

    /** Newest first. */
    public Uni<List<ServiceBackup>> list(String organizationId, String serviceId) {
        return services.get(organizationId, serviceId).chain(s -> Panache.withSession(() -> ServiceBackup
                .<ServiceBackup>list("serviceId = ?1 order by startedAt desc, id", s.id)));
    }

    public Uni<ServiceBackup> get(String organizationId, String serviceId, String backupId) {
        UUID id;
        try {
            id = UUID.fromString(backupId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiException.notFound("backup"));
        }
        return services.get(organizationId, serviceId).chain(s -> Panache.<ServiceBackup>withSession(() -> ServiceBackup
                        .<ServiceBackup>find("id = ?1 and serviceId = ?2", id, s.id).firstResult()))
                .onItem().ifNull().failWith(() -> ApiException.notFound("backup"));
    }

    public int period(ManagedService s) {
        return s.backupPeriodHours != null ? s.backupPeriodHours : defaults.defaultPeriodHours();
    }

    public int retention(ManagedService s) {
        return s.backupRetentionHours != null ? s.backupRetentionHours : defaults.defaultRetentionHours();
    }

    /**
     * Applies a PATCH body: an absent field is unchanged, a null one goes back to its default, a start time makes the
     * period 24 hours. Nothing is written when a value is invalid.
     */
    public Uni<ManagedService> configure(String organizationId, String serviceId, JsonNode body, String actor) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        Integer period = integer(body, PERIOD);
        Integer retention = integer(body, RETENTION);
        String startTime = null;
        if (body.has(START_TIME) && !body.get(START_TIME).isNull()) {
            if (!body.get(START_TIME).isTextual()) {
                throw ApiException.invalid(START_TIME, "must be a UTC time in HH:MM format");
            }
            startTime = body.get(START_TIME).asText();
        }
        BackupSchedule.checkPeriod(period);
        BackupSchedule.checkRetention(retention);
        BackupSchedule.checkStartTime(startTime);
        String time = startTime;
        return Panache.withTransaction(() -> ServiceUseCases.lockedForUpdate(organizationId, serviceId).chain(s -> {
            if (body.has(PERIOD)) {
                s.backupPeriodHours = period;
            }
            if (body.has(RETENTION)) {
                s.backupRetentionHours = retention;
            }
            if (body.has(START_TIME)) {
                s.backupStartTime = time;
            }
            if (s.backupStartTime != null) {
                s.backupPeriodHours = 24;
            }
            s.updatedAt = OffsetDateTime.now();
            return events.updated(s, List.of("backupConfiguration"), actor).replaceWith(s);
        }));
    }

    private static Integer integer(JsonNode body, String field) {
        if (!body.has(field) || body.get(field).isNull()) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw ApiException.invalid(field, "must be a whole number of hours");
        }
        return value.asInt();
    }
}
