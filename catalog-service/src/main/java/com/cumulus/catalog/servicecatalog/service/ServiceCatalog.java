package com.cumulus.catalog.servicecatalog.service;

import com.cumulus.catalog.config.CatalogConfig;
import com.cumulus.catalog.project.domain.Projects;
import com.cumulus.catalog.servicecatalog.domain.CatalogItem;
import com.cumulus.catalog.servicecatalog.domain.Consumer;
import com.cumulus.catalog.servicecatalog.domain.ConsumerToken;
import com.cumulus.catalog.servicecatalog.domain.ProjectConsumer;
import com.cumulus.catalog.servicecatalog.domain.ProjectItem;
import com.cumulus.catalog.web.Access;
import com.cumulus.catalog.web.Secrets;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seed 003 use cases: the service catalog, project services, consumers and consumer tokens. Attaching and detaching a
 * project service (also when tenancy deletes the project or the organization) publishes
 * {@code project-service.attached/detached} in the same transaction ({@link ProjectServiceEvents}).
 */
@ApplicationScoped
public class ServiceCatalog {
    private final CatalogConfig config;
    private final ProjectServiceEvents events;

    public ServiceCatalog(CatalogConfig config, ProjectServiceEvents events) {
        this.config = config;
        this.events = events;
    }

    public record ProjectItemView(ProjectItem item, long itemUsed) {
    }

    public record IssuedToken(ConsumerToken token, String clearToken) {
    }

    @WithSession
    public Uni<List<CatalogItem>> items() {
        return CatalogItem.list("order by codeName");
    }

    @WithTransaction
    public Uni<CatalogItem> createItem(Caller caller, String codeName, String name, String description) {
        Access.platformAdmin(caller);
        return CatalogItem.<CatalogItem>findById(codeName).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("service " + codeName + " already exists");
            }
            CatalogItem item = new CatalogItem();
            item.codeName = codeName;
            item.name = name;
            item.description = description;
            item.createdAt = now();
            return item.persist();
        });
    }

    @WithTransaction
    public Uni<ProjectItemView> attach(Caller caller, String projectId, String code, String name, String description) {
        return Projects.writable(caller, projectId)
                .chain(project -> CatalogItem.<CatalogItem>findById(code).chain(item -> {
                    if (item == null) {
                        throw ApiException.invalid("serviceCatalogCode", "no catalog service " + code);
                    }
                    return ProjectItem.count("projectId = ?1 and serviceCatalogCode = ?2", projectId, code);
                }).chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("service " + code + " is already attached to the project");
                    }
                    ProjectItem attached = new ProjectItem();
                    attached.id = UUID.randomUUID();
                    attached.projectId = projectId;
                    attached.organizationId = project.organizationId;
                    attached.serviceCatalogCode = code;
                    attached.name = name;
                    attached.description = description;
                    attached.itemLimit = config.projectServiceItemLimit();
                    attached.createdAt = now();
                    return attached.<ProjectItem>persist()
                            .chain(saved -> events.attached(saved, caller.subject()).replaceWith(saved));
                }))
                .map(item -> new ProjectItemView(item, 0));
    }

    @WithSession
    public Uni<ProjectItemView> projectItem(Caller caller, String projectId, String code) {
        return Projects.visible(caller, projectId).chain(project -> loadItem(projectId, code))
                .chain(item -> ConsumerToken.count("projectId = ?1 and serviceCatalogCode = ?2", projectId, code)
                        .map(used -> new ProjectItemView(item, used)));
    }

    /** Detaches the service; its consumer tokens in the project stop working. */
    @WithTransaction
    public Uni<Void> detach(Caller caller, String projectId, String code) {
        return Projects.writable(caller, projectId).chain(project -> loadItem(projectId, code))
                .chain(item -> ConsumerToken.delete("projectId = ?1 and serviceCatalogCode = ?2", projectId, code)
                        .chain(item::delete)
                        .chain(() -> events.detached(item, caller.subject())));
    }

    private static Uni<ProjectItem> loadItem(String projectId, String code) {
        return ProjectItem.<ProjectItem>find("projectId = ?1 and serviceCatalogCode = ?2", projectId, code)
                .firstResult().map(item -> {
                    if (item == null) {
                        throw ApiException.notFound("project service");
                    }
                    return item;
                });
    }

    /** A new consumer in the given organization, or the caller's only organization. */
    @WithTransaction
    public Uni<Consumer> createConsumer(Caller caller, String organizationId) {
        String org = organizationId;
        if (org == null) {
            if (caller.organizations().isEmpty()) {
                throw ApiException.forbidden("the caller belongs to no organization");
            }
            if (caller.organizations().size() > 1) {
                throw ApiException.invalid("organizationId", "required when the caller belongs to several organizations");
            }
            org = caller.organizations().keySet().iterator().next();
        }
        Access.writer(caller, org, "organization");
        Consumer consumer = new Consumer();
        consumer.id = Secrets.randomHex(16);
        consumer.organizationId = org;
        consumer.createdBy = caller.subject();
        consumer.createdAt = now();
        return consumer.persist();
    }

    /** Consumers of every organization the caller belongs to. */
    @WithSession
    public Uni<List<Consumer>> consumers(Caller caller) {
        if (caller.organizations().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Consumer.list("organizationId in ?1 order by createdAt, id", new ArrayList<>(caller.organizations().keySet()));
    }

    @WithTransaction
    public Uni<ProjectConsumer> attachConsumer(Caller caller, String projectId, String consumerId) {
        return Projects.writable(caller, projectId).chain(project -> Consumer.<Consumer>findById(consumerId)
                .chain(consumer -> {
                    if (consumer == null || !consumer.organizationId.equals(project.organizationId)) {
                        throw ApiException.invalid("consumerId", "no such consumer in the project's organization");
                    }
                    return ProjectConsumer.count("projectId = ?1 and consumerId = ?2", projectId, consumerId);
                })
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("consumer is already attached to the project");
                    }
                    ProjectConsumer link = new ProjectConsumer();
                    link.id = UUID.randomUUID();
                    link.projectId = projectId;
                    link.consumerId = consumerId;
                    link.organizationId = project.organizationId;
                    link.createdAt = now();
                    return link.persist();
                }));
    }

    /** Detaches the consumer; its tokens for the project are deleted. */
    @WithTransaction
    public Uni<Void> detachConsumer(Caller caller, String projectId, String consumerId) {
        return Projects.writable(caller, projectId)
                .chain(project -> ProjectConsumer.find("projectId = ?1 and consumerId = ?2",
                        projectId, consumerId).<ProjectConsumer>firstResult())
                .chain(link -> {
                    if (link == null) {
                        throw ApiException.notFound("project consumer");
                    }
                    return ConsumerToken.delete("projectId = ?1 and consumerId = ?2", projectId, consumerId)
                            .chain(link::delete);
                });
    }

    /** A token for consumer + project + service: returned once, stored as SHA-256; counts against the item limit. */
    @WithTransaction
    public Uni<IssuedToken> issueToken(Caller caller, String consumerId, String projectId, String code) {
        return Projects.writable(caller, projectId)
                .chain(project -> ProjectConsumer.count("projectId = ?1 and consumerId = ?2", projectId, consumerId)
                        .chain(attached -> {
                            if (attached == 0) {
                                throw ApiException.invalid("consumerId", "consumer is not attached to the project");
                            }
                            return ProjectItem.find("projectId = ?1 and serviceCatalogCode = ?2",
                                    projectId, code).<ProjectItem>firstResult();
                        })
                        .chain(item -> {
                            if (item == null) {
                                throw ApiException.invalid("serviceCatalogCode",
                                        "service is not attached to the project");
                            }
                            return ConsumerToken.count("projectId = ?1 and serviceCatalogCode = ?2", projectId, code)
                                    .map(used -> {
                                        if (used >= item.itemLimit) {
                                            throw ApiException.conflict("the service's item limit of "
                                                    + item.itemLimit + " is reached");
                                        }
                                        return project;
                                    });
                        }))
                .chain(project -> {
                    String clear = Secrets.randomHex(32);
                    ConsumerToken token = new ConsumerToken();
                    token.id = Secrets.randomHex(16);
                    token.consumerId = consumerId;
                    token.projectId = projectId;
                    token.serviceCatalogCode = code;
                    token.organizationId = project.organizationId;
                    token.tokenHash = Secrets.sha256Hex(clear);
                    token.createdAt = now();
                    return token.persist().replaceWith(new IssuedToken(token, clear));
                });
    }

    /** Revokes a token named by its id or by the token itself. */
    @WithTransaction
    public Uni<Void> revokeToken(Caller caller, String tokenRef, String projectId, String code) {
        return Projects.writable(caller, projectId)
                .chain(project -> ConsumerToken.find(
                        "(id = ?1 or tokenHash = ?2) and projectId = ?3 and serviceCatalogCode = ?4",
                        tokenRef, Secrets.sha256Hex(tokenRef), projectId, code).<ConsumerToken>firstResult())
                .chain(token -> {
                    if (token == null) {
                        throw ApiException.notFound("consumer token");
                    }
                    return token.delete();
                });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Removes everything of a project (inside a transaction); each attached service publishes detached. */
    public Uni<Void> removeProject(String projectId) {
        return ConsumerToken.delete("projectId", projectId)
                .chain(() -> ProjectConsumer.delete("projectId", projectId))
                .chain(() -> ProjectItem.<ProjectItem>list("projectId = ?1 order by createdAt, id", projectId))
                .chain(items -> events.detached(items, null))
                .chain(() -> ProjectItem.delete("projectId", projectId))
                .replaceWithVoid();
    }

    /**
     * Removes everything of an organization's service catalog usage (inside a transaction); each attached service
     * publishes detached.
     */
    public Uni<Void> removeOrganization(String organizationId) {
        return ConsumerToken.delete("organizationId", organizationId)
                .chain(() -> ProjectConsumer.delete("organizationId", organizationId))
                .chain(() -> Consumer.delete("organizationId", organizationId))
                .chain(() -> ProjectItem.<ProjectItem>list("organizationId = ?1 order by projectId, createdAt, id",
                        organizationId))
                .chain(items -> events.detached(items, null))
                .chain(() -> ProjectItem.delete("organizationId", organizationId))
                .replaceWithVoid();
    }
}
