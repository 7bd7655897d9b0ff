package com.cumulus.provisioning.service.api;

import com.cumulus.common.security.Caller;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.provisioning.metrics.PrometheusRenderer;
import com.cumulus.provisioning.service.api.ServiceDtos.OrganizationPrivateEndpointConfigResult;
import com.cumulus.provisioning.service.application.ServiceUseCases;
import com.cumulus.provisioning.service.domain.ServiceRules;
import com.cumulus.provisioning.web.OrgAccess;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 004 organization-level reads provisioning owns: private endpoint config and Prometheus metrics. */
@Path("/v1/organizations/{organizationId}")
@Authenticated
public class OrganizationLevelResource {

    private final ServiceUseCases services;
    private final PrometheusRenderer prometheus;
    private final CurrentCaller current;

    public OrganizationLevelResource(ServiceUseCases services, PrometheusRenderer prometheus, CurrentCaller current) {
        this.services = services;
        this.prometheus = prometheus;
        this.current = current;
    }

    @GET
    @Path("/privateEndpointConfig")
    @Produces(MediaType.APPLICATION_JSON)
    public CloudEnvelope<OrganizationPrivateEndpointConfigResult> privateEndpointConfig(
            @PathParam("organizationId") String organizationId,
            @QueryParam("cloud_provider") String cloudProvider, @QueryParam("region_id") String regionId) {
        OrgAccess.read(caller(), organizationId);
        ServiceRules.providerAndRegion("cloud_provider", cloudProvider, "region_id", regionId);
        return CloudEnvelope.ok(new OrganizationPrivateEndpointConfigResult(
                ServiceViews.endpointServiceId(cloudProvider, regionId)));
    }

    @GET
    @Path("/prometheus")
    @Produces(PrometheusRenderer.CONTENT_TYPE)
    public Uni<Response> prometheus(@PathParam("organizationId") String organizationId) {
        OrgAccess.read(caller(), organizationId);
        return services.list(organizationId).chain(prometheus::render)
                .map(text -> Response.ok(text, PrometheusRenderer.CONTENT_TYPE).build());
    }

    private Caller caller() {
        return current.get();
    }
}
