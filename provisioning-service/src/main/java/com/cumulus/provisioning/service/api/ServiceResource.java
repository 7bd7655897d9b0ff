package com.cumulus.provisioning.service.api;

import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.provisioning.metrics.PrometheusRenderer;
import com.cumulus.provisioning.service.api.ServiceDtos.CreatedServiceResult;
import com.cumulus.provisioning.service.api.ServiceDtos.PasswordRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.PasswordResult;
import com.cumulus.provisioning.service.api.ServiceDtos.PrivateEndpointConfigResult;
import com.cumulus.provisioning.service.api.ServiceDtos.ReplicaScalingRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ScalingRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceCreateRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ServicePatchRequest;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceResult;
import com.cumulus.provisioning.service.api.ServiceDtos.StateCommandRequest;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.web.OrgAccess;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Seed 004: /v1/organizations/{organizationId}/services... (envelope {status, requestId, result}). */
@Path("/v1/organizations/{organizationId}/services")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {

    private final ServiceUseCases services;
    private final ServiceViews views;
    private final PrometheusRenderer prometheus;
    private final CurrentCaller current;

    public ServiceResource(ServiceUseCases services, ServiceViews views, PrometheusRenderer prometheus,
                           CurrentCaller current) {
        this.services = services;
        this.views = views;
        this.prometheus = prometheus;
        this.current = current;
    }

    @GET
    public Uni<CloudEnvelope<List<ServiceResult>>> list(@PathParam("organizationId") String organizationId) {
        OrgAccess.read(caller(), organizationId);
        return services.list(organizationId).map(list -> CloudEnvelope.ok(views.of(list)));
    }

    @POST
    public Uni<CloudEnvelope<CreatedServiceResult>> create(@PathParam("organizationId") String organizationId,
                                                          @HeaderParam("Authorization") String authorization,
                                                          ServiceCreateRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.create(organizationId, request, caller().subject(), authorization)
                .map(created -> CloudEnvelope.ok(new CreatedServiceResult(views.of(created.service()),
                        created.password())));
    }

    @GET
    @Path("/{serviceId}")
    public Uni<CloudEnvelope<ServiceResult>> get(@PathParam("organizationId") String organizationId,
                                                 @PathParam("serviceId") String serviceId) {
        OrgAccess.read(caller(), organizationId);
        return services.get(organizationId, serviceId).map(s -> CloudEnvelope.ok(views.of(s)));
    }

    @PATCH
    @Path("/{serviceId}")
    public Uni<CloudEnvelope<ServiceResult>> patch(@PathParam("organizationId") String organizationId,
                                                   @PathParam("serviceId") String serviceId,
                                                   ServicePatchRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.patch(organizationId, serviceId, request, caller().subject())
                .map(s -> CloudEnvelope.ok(views.of(s)));
    }

    @DELETE
    @Path("/{serviceId}")
    public Uni<CloudEnvelope<Void>> delete(@PathParam("organizationId") String organizationId,
                                           @PathParam("serviceId") String serviceId) {
        OrgAccess.operate(caller(), organizationId);
        return services.delete(organizationId, serviceId, caller().subject())
                .map(s -> CloudEnvelope.empty());
    }

    @PATCH
    @Path("/{serviceId}/state")
    public Uni<CloudEnvelope<ServiceResult>> state(@PathParam("organizationId") String organizationId,
                                                   @PathParam("serviceId") String serviceId,
                                                   StateCommandRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.changeState(organizationId, serviceId, request == null ? null : request.command(),
                caller().subject()).map(s -> CloudEnvelope.ok(views.of(s)));
    }

    @PATCH
    @Path("/{serviceId}/scaling")
    public Uni<CloudEnvelope<ServiceResult>> scaling(@PathParam("organizationId") String organizationId,
                                                     @PathParam("serviceId") String serviceId,
                                                     ScalingRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.scale(organizationId, serviceId, request, caller().subject())
                .map(s -> CloudEnvelope.ok(views.of(s)));
    }

    @PATCH
    @Path("/{serviceId}/replicaScaling")
    public Uni<CloudEnvelope<ServiceResult>> replicaScaling(@PathParam("organizationId") String organizationId,
                                                            @PathParam("serviceId") String serviceId,
                                                            ReplicaScalingRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.scaleReplicas(organizationId, serviceId, request, caller().subject())
                .map(s -> CloudEnvelope.ok(views.of(s)));
    }

    @PATCH
    @Path("/{serviceId}/password")
    public Uni<CloudEnvelope<PasswordResult>> password(@PathParam("organizationId") String organizationId,
                                                       @PathParam("serviceId") String serviceId,
                                                       PasswordRequest request) {
        OrgAccess.operate(caller(), organizationId);
        return services.changePassword(organizationId, serviceId, request, caller().subject())
                .map(password -> CloudEnvelope.ok(new PasswordResult(password)));
    }

    @GET
    @Path("/{serviceId}/privateEndpointConfig")
    public Uni<CloudEnvelope<PrivateEndpointConfigResult>> privateEndpointConfig(
            @PathParam("organizationId") String organizationId, @PathParam("serviceId") String serviceId) {
        OrgAccess.read(caller(), organizationId);
        return services.get(organizationId, serviceId).map(s -> CloudEnvelope.ok(views.privateEndpoint(s)));
    }

    @GET
    @Path("/{serviceId}/prometheus")
    @Produces(PrometheusRenderer.CONTENT_TYPE)
    public Uni<Response> prometheus(@PathParam("organizationId") String organizationId,
                                    @PathParam("serviceId") String serviceId) {
        OrgAccess.read(caller(), organizationId);
        return services.get(organizationId, serviceId).chain(s -> prometheus.render(List.of(s)))
                .map(text -> Response.ok(text, PrometheusRenderer.CONTENT_TYPE).build());
    }

    private Caller caller() {
        return current.get();
    }
}
