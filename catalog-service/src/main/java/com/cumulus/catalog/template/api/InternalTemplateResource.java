package com.cumulus.catalog.template.api;

import com.cumulus.catalog.console.api.ConsoleDtos.TemplateWrite;
import com.cumulus.catalog.template.domain.TemplateParameter;
import com.cumulus.catalog.template.domain.TemplateService;
import com.cumulus.catalog.template.service.Templates;
import com.cumulus.catalog.web.BodyValidator;
import com.cumulus.common.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Platform-admin creation of project templates (never routed by the gateway); publishes template.published. */
@Path("/internal/catalog/templates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalTemplateResource {
    private final Templates templates;
    private final CurrentCaller caller;
    private final BodyValidator validator;

    public InternalTemplateResource(Templates templates, CurrentCaller caller, BodyValidator validator) {
        this.templates = templates;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    public Uni<Response> create(TemplateWrite body) {
        validator.snake(body);
        List<TemplateParameter> parameters = body.parameters() == null ? List.of() : body.parameters().stream()
                .map(p -> new TemplateParameter(p.name(), p.description(), p.type() == null ? "string" : p.type(),
                        p.required(), p.defaultValue())).toList();
        List<TemplateService> services = body.services().stream()
                .map(s -> new TemplateService(s.name(), s.provider(), s.region(), s.tier(), s.memoryGb())).toList();
        return templates.create(caller.get(), body.id(), body.name(), body.description(), parameters, services)
                .map(t -> Response.status(201).entity(Map.of("id", t.id, "name", t.name)).build());
    }
}
