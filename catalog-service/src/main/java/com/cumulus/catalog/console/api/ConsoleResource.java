package com.cumulus.catalog.console.api;

import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.app.domain.Credential;
import com.cumulus.catalog.app.service.AppService;
import com.cumulus.catalog.console.api.ConsoleDtos.AppDetails;
import com.cumulus.catalog.console.api.ConsoleDtos.GatewayServiceView;
import com.cumulus.catalog.console.api.ConsoleDtos.ParameterView;
import com.cumulus.catalog.console.api.ConsoleDtos.ServiceView;
import com.cumulus.catalog.console.api.ConsoleDtos.TemplateView;
import com.cumulus.catalog.gateway.domain.GatewayEnablement;
import com.cumulus.catalog.gateway.service.GatewayEnablements;
import com.cumulus.catalog.project.domain.Projects;
import com.cumulus.catalog.template.domain.ProjectTemplate;
import com.cumulus.catalog.template.service.Templates;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.common.errors.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Seed 000 console, catalog part: templates, project app details, per-project API enablement. */
@Path("/console/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ConsoleResource {
    private final Templates templates;
    private final GatewayEnablements gateway;
    private final AppService apps;
    private final CurrentCaller caller;

    public ConsoleResource(Templates templates, GatewayEnablements gateway, AppService apps, CurrentCaller caller) {
        this.templates = templates;
        this.gateway = gateway;
        this.apps = apps;
        this.caller = caller;
    }

    @GET
    @Path("templates")
    public Uni<List<TemplateView>> templates() {
        return templates.list().map(list -> list.stream().map(this::view).toList());
    }

    @GET
    @Path("templates/{templateId}")
    public Uni<TemplateView> template(@PathParam("templateId") String templateId) {
        return templates.get(templateId).map(this::view);
    }

    @GET
    @Path("{projectId}/apps/{appId}")
    @WithSession
    public Uni<AppDetails> app(@PathParam("projectId") String projectId, @PathParam("appId") String appId) {
        return Projects.visible(caller.get(), projectId)
                .chain(project -> App.findInOrg(project.organizationId, appId))
                .chain(app -> {
                    if (app == null) {
                        throw ApiException.notFound("app");
                    }
                    return Credential.ofApp(app.id).map(creds -> new AppDetails(app.id.toString(), app.name,
                            app.title, app.summary, app.organizationId, projectId, app.state, app.appType,
                            app.applicationType, creds.stream().map(c -> c.clientId).toList(),
                            apps.redirectEndpoints(app), app.createdAt.toString(), app.updatedAt.toString()));
                });
    }

    @GET
    @Path("{projectId}/gateway")
    public Uni<List<GatewayServiceView>> gateway(@PathParam("projectId") String projectId) {
        return gateway.list(caller.get(), projectId).map(list -> list.stream().map(ConsoleResource::view).toList());
    }

    @GET
    @Path("{projectId}/gateway/{serviceId}")
    public Uni<GatewayServiceView> gatewayService(@PathParam("projectId") String projectId,
                                                  @PathParam("serviceId") String serviceId) {
        return gateway.get(caller.get(), projectId, serviceId).map(ConsoleResource::view);
    }

    /** Seed 000: 200 with a boolean body. */
    @POST
    @Path("{projectId}/gateway/{serviceId}")
    public Uni<Boolean> enable(@PathParam("projectId") String projectId, @PathParam("serviceId") String serviceId) {
        return gateway.enable(caller.get(), projectId, serviceId).replaceWith(Boolean.TRUE);
    }

    /** Seed 000: 200 with no content. */
    @DELETE
    @Path("{projectId}/gateway/{serviceId}")
    public Uni<Response> disable(@PathParam("projectId") String projectId, @PathParam("serviceId") String serviceId) {
        return gateway.disable(caller.get(), projectId, serviceId).replaceWith(Response.ok().build());
    }

    private TemplateView view(ProjectTemplate t) {
        return new TemplateView(t.id, t.name, t.description,
                templates.parameters(t).stream().map(p -> new ParameterView(p.name(), p.description(), p.type(),
                        p.required(), p.defaultValue())).toList(),
                templates.services(t).stream().map(s -> new ServiceView(s.name(), s.provider(), s.region(), s.tier(),
                        s.memoryGb())).toList(),
                t.createdAt.toString());
    }

    private static GatewayServiceView view(GatewayEnablement e) {
        return new GatewayServiceView(e.serviceId, e.projectId, true, e.enabledBy, e.enabledAt.toString());
    }
}
