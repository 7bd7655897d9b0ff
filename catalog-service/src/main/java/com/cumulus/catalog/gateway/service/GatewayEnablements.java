package com.cumulus.catalog.gateway.service;

import com.cumulus.catalog.gateway.domain.GatewayEnablement;
import com.cumulus.catalog.product.domain.Api;
import com.cumulus.catalog.product.domain.ApiState;
import com.cumulus.catalog.product.domain.Visibility;
import com.cumulus.catalog.project.domain.Projects;
import com.cumulus.catalog.servicecatalog.domain.CatalogItem;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Per-project API enablement. A service id is a service catalog code or the name of an API the project's
 * organization may see.
 */
@ApplicationScoped
public class GatewayEnablements {

    @WithSession
    public Uni<List<GatewayEnablement>> list(Caller caller, String projectId) {
        return Projects.visible(caller, projectId)
                .chain(p -> GatewayEnablement.list("projectId = ?1 order by serviceId", projectId));
    }

    @WithSession
    public Uni<GatewayEnablement> get(Caller caller, String projectId, String serviceId) {
        return Projects.visible(caller, projectId).chain(p -> find(projectId, serviceId)).map(e -> {
            if (e == null) {
                throw ApiException.notFound("enabled service");
            }
            return e;
        });
    }

    /** Idempotent: enabling an enabled service changes nothing. */
    @WithTransaction
    public Uni<GatewayEnablement> enable(Caller caller, String projectId, String serviceId) {
        return Projects.writable(caller, projectId).chain(project -> known(caller, serviceId)
                .chain(() -> find(projectId, serviceId))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    GatewayEnablement e = new GatewayEnablement();
                    e.id = UUID.randomUUID();
                    e.projectId = projectId;
                    e.organizationId = project.organizationId;
                    e.serviceId = serviceId;
                    e.enabledBy = caller.subject();
                    e.enabledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return e.persist();
                }));
    }

    @WithTransaction
    public Uni<Void> disable(Caller caller, String projectId, String serviceId) {
        return Projects.writable(caller, projectId).chain(p -> find(projectId, serviceId)).chain(e -> {
            if (e == null) {
                throw ApiException.notFound("enabled service");
            }
            return e.delete();
        });
    }

    private static Uni<GatewayEnablement> find(String projectId, String serviceId) {
        return GatewayEnablement.find("projectId = ?1 and serviceId = ?2", projectId, serviceId).firstResult();
    }

    private static Uni<Void> known(Caller caller, String serviceId) {
        return CatalogItem.<CatalogItem>findById(serviceId).chain(item -> {
            if (item != null) {
                return Uni.createFrom().voidItem();
            }
            return Api.<Api>list("name = ?1", serviceId).map(apis -> {
                boolean visible = apis.stream().anyMatch(a -> ApiState.parse(a.state).visibleToConsumers()
                        && Visibility.allows(a.visibility, a.visibleOrgs, caller));
                if (!visible) {
                    throw ApiException.notFound("service");
                }
                return null;
            });
        });
    }
}
