package com.cumulus.catalog.template.service;

import com.cumulus.catalog.config.CatalogConfig;
import com.cumulus.catalog.events.CatalogEvents;
import com.cumulus.catalog.template.domain.ProjectTemplate;
import com.cumulus.catalog.template.domain.TemplateParameter;
import com.cumulus.catalog.template.domain.TemplateService;
import com.cumulus.catalog.web.Access;
import com.cumulus.catalog.web.Json;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.events.Outbox;
import com.cumulus.common.security.Caller;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Project templates; each is announced once by template.published so provisioning can deploy it. */
@ApplicationScoped
public class Templates {
    private static final Logger LOG = Logger.getLogger(Templates.class);
    private static final TypeReference<List<TemplateParameter>> PARAMETERS = new TypeReference<>() {
    };
    private static final TypeReference<List<TemplateService>> SERVICES = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final Json json;
    private final CatalogConfig config;

    public Templates(Outbox outbox, Json json, CatalogConfig config) {
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (!config.publishTemplatesAtStartup()) {
            return;
        }
        int published = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::publishPending));
        if (published > 0) {
            LOG.infof("published %d project template(s)", published);
        }
    }

    /** Records template.published for every template not yet published (inside a transaction). */
    public Uni<Integer> publishPending() {
        return ProjectTemplate.<ProjectTemplate>list("publishedAt is null order by id").chain(templates -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ProjectTemplate t : templates) {
                chain = chain.chain(() -> publish(t));
            }
            return chain.replaceWith(templates.size());
        });
    }

    private Uni<Void> publish(ProjectTemplate t) {
        t.publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return outbox.record(CatalogEvents.TEMPLATE_PUBLISHED, t.id,
                Map.of("templateId", t.id, "name", t.name, "services", services(t))).replaceWithVoid();
    }

    @WithSession
    public Uni<List<ProjectTemplate>> list() {
        return ProjectTemplate.list("order by id");
    }

    @WithSession
    public Uni<ProjectTemplate> get(String id) {
        return ProjectTemplate.<ProjectTemplate>findById(id).map(t -> {
            if (t == null) {
                throw ApiException.notFound("template");
            }
            return t;
        });
    }

    @WithTransaction
    public Uni<ProjectTemplate> create(Caller caller, String id, String name, String description,
                                       List<TemplateParameter> parameters, List<TemplateService> services) {
        Access.platformAdmin(caller);
        return ProjectTemplate.<ProjectTemplate>findById(id).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("template " + id + " already exists");
            }
            ProjectTemplate t = new ProjectTemplate();
            t.id = id;
            t.name = name;
            t.description = description;
            t.parameters = json.write(parameters == null ? List.of() : parameters);
            t.services = json.write(services);
            t.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return t.persist().chain(() -> publish(t)).replaceWith(t);
        });
    }

    public List<TemplateParameter> parameters(ProjectTemplate t) {
        return json.read(t.parameters, PARAMETERS);
    }

    public List<TemplateService> services(ProjectTemplate t) {
        return json.read(t.services, SERVICES);
    }
}
