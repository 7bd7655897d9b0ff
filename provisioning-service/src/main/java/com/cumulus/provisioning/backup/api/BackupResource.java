package com.cumulus.provisioning.backup.api;

import com.cumulus.provisioning.backup.api.BackupDtos.BackupConfigurationResult;
import com.cumulus.provisioning.backup.api.BackupDtos.BackupResult;
import com.cumulus.provisioning.backup.application.BackupUseCases;
import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.service.api.CloudEnvelope;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.provisioning.web.OrgAccess;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Seed 004: backups of a service and its backup configuration. */
@Path("/v1/organizations/{organizationId}/services/{serviceId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BackupResource {

    private final BackupUseCases backups;
    private final ServiceUseCases services;
    private final CurrentCaller current;

    public BackupResource(BackupUseCases backups, ServiceUseCases services, CurrentCaller current) {
        this.backups = backups;
        this.services = services;
        this.current = current;
    }

    @GET
    @Path("/backups")
    public Uni<CloudEnvelope<List<BackupResult>>> list(@PathParam("organizationId") String organizationId,
                                                       @PathParam("serviceId") String serviceId) {
        OrgAccess.read(current.get(), organizationId);
        return backups.list(organizationId, serviceId)
                .map(list -> CloudEnvelope.ok(list.stream().map(BackupResource::view).toList()));
    }

    @GET
    @Path("/backups/{backupId}")
    public Uni<CloudEnvelope<BackupResult>> get(@PathParam("organizationId") String organizationId,
                                                @PathParam("serviceId") String serviceId,
                                                @PathParam("backupId") String backupId) {
        OrgAccess.read(current.get(), organizationId);
        return backups.get(organizationId, serviceId, backupId).map(b -> CloudEnvelope.ok(view(b)));
    }

    @GET
    @Path("/backupConfiguration")
    public Uni<CloudEnvelope<BackupConfigurationResult>> configuration(
            @PathParam("organizationId") String organizationId, @PathParam("serviceId") String serviceId) {
        OrgAccess.read(current.get(), organizationId);
        return services.get(organizationId, serviceId).map(s -> CloudEnvelope.ok(configuration(s)));
    }

    /** Requires the admin role (seed 004: "Requires ADMIN auth key role"). */
    @PATCH
    @Path("/backupConfiguration")
    public Uni<CloudEnvelope<BackupConfigurationResult>> configure(
            @PathParam("organizationId") String organizationId, @PathParam("serviceId") String serviceId,
            JsonNode body) {
        OrgAccess.admin(current.get(), organizationId);
        return backups.configure(organizationId, serviceId, body, current.get().subject())
                .map(s -> CloudEnvelope.ok(configuration(s)));
    }

    private BackupConfigurationResult configuration(ManagedService s) {
        return new BackupConfigurationResult(backups.period(s), backups.retention(s), s.backupStartTime);
    }

    static BackupResult view(ServiceBackup b) {
        return new BackupResult(b.id.toString(), b.status, b.serviceId.toString(), time(b.startedAt),
                time(b.finishedAt), b.sizeInBytes, b.durationInSeconds, b.type);
    }

    private static String time(OffsetDateTime value) {
        return value == null ? null : value.atZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }
}
