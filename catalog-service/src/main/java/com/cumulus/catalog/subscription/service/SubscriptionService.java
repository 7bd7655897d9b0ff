package com.cumulus.catalog.subscription.service;

import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.events.CatalogEvents;
import com.cumulus.catalog.product.domain.Plan;
import com.cumulus.catalog.product.domain.Product;
import com.cumulus.catalog.product.domain.ProductState;
import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.subscription.domain.Subscription;
import com.cumulus.catalog.subscription.repository.SubscriptionReads;
import com.cumulus.catalog.subscription.repository.SubscriptionReads.SubscriptionView;
import com.cumulus.catalog.web.Access;
import com.cumulus.catalog.web.Json;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app subscribes to a plan of a published product it may see. Plans needing approval start pending and an
 * organization administrator enables or rejects them; developers disable and re-enable. Each change is an event.
 */
@ApplicationScoped
public class SubscriptionService {
    private static final Pattern PRODUCT_URL = Pattern.compile("(?:.*/)?(?:public-)?products/([^/]+)/([^/]+)/?");

    private final ProductCatalog products;
    private final CatalogEvents events;
    private final Json json;
    private final SubscriptionReads reads;

    public SubscriptionService(ProductCatalog products, CatalogEvents events, Json json, SubscriptionReads reads) {
        this.products = products;
        this.events = events;
        this.json = json;
        this.reads = reads;
    }

    public record NewSubscription(String productUrl, String plan, String name, String title, String summary,
                                  JsonNode metadata) {
    }

    public record SubscriptionChange(String state, String name, String title, String summary, JsonNode metadata) {
    }

    public record Subscribed(App app, Subscription subscription, Product product) {
    }

    @WithTransaction
    public Uni<Subscribed> create(Caller caller, String org, String appRef, NewSubscription input) {
        Access.writer(caller, org, "app");
        Matcher url = PRODUCT_URL.matcher(input.productUrl());
        if (!url.matches()) {
            return Uni.createFrom().failure(ApiException.invalid("product_url",
                    "must name a product as /products/{name}/{version}"));
        }
        return load(org, appRef).chain(app -> products.product(url.group(1), url.group(2), caller)
                .onFailure(ApiException.class).transform(e -> ApiException.invalid("product_url",
                        "no such product is available to this organization"))
                .chain(product -> {
                    if (ProductState.parse(product.state) != ProductState.PUBLISHED) {
                        throw ApiException.conflict("product " + product.name + ":" + product.version
                                + " is " + product.state + " and takes no new subscriptions");
                    }
                    Plan plan = products.plans(product).stream().filter(p -> p.name().equals(input.plan()))
                            .findFirst().orElseThrow(() -> ApiException.invalid("plan",
                                    "product has no plan " + input.plan()));
                    return Subscription.count("appId = ?1 and productId = ?2", app.id, product.id).chain(n -> {
                        if (n > 0) {
                            throw ApiException.conflict("app is already subscribed to this product");
                        }
                        Instant now = now();
                        Subscription s = new Subscription();
                        s.id = UUID.randomUUID();
                        s.appId = app.id;
                        s.organizationId = org;
                        s.name = input.name() == null ? product.name + "-" + product.version + "-" + plan.name()
                                : input.name();
                        s.title = input.title() == null ? product.title + " (" + plan.title() + ")" : input.title();
                        s.summary = input.summary();
                        s.productId = product.id;
                        s.plan = plan.name();
                        s.state = plan.approval() ? Subscription.PENDING : Subscription.ENABLED;
                        s.metadata = json.write(input.metadata());
                        s.createdAt = now;
                        s.updatedAt = now;
                        return Subscription.count("appId = ?1 and name = ?2", app.id, s.name).chain(same -> {
                            if (same > 0) {
                                throw ApiException.conflict("subscription " + s.name + " already exists");
                            }
                            return s.persist();
                        }).chain(() -> events.subscriptionChanged(s, caller.subject()))
                                .replaceWith(new Subscribed(app, s, product));
                    });
                }));
    }

    /** The hot read: one prepared statement, no Hibernate session (see {@link SubscriptionReads}). */
    public Uni<SubscriptionView> get(Caller caller, String org, String appRef, String subscriptionRef) {
        Access.member(caller, org, "app");
        return reads.find(org, appRef, subscriptionRef).map(found -> {
            if (found == null) {
                throw ApiException.notFound("subscription");
            }
            return found;
        });
    }

    /** The read model of a subscription just loaded or changed through its entities. */
    public static SubscriptionView view(Subscribed found) {
        Subscription s = found.subscription();
        Product p = found.product();
        return new SubscriptionView(found.app().organizationId, found.app().id, s.id, s.name, s.title, s.summary,
                s.state, s.plan, s.metadata, s.createdAt, s.updatedAt, p.name, p.version, p.title);
    }

    @WithTransaction
    public Uni<Subscribed> update(Caller caller, String org, String appRef, String subscriptionRef,
                                  SubscriptionChange change) {
        Access.writer(caller, org, "app");
        return loadSubscription(org, appRef, subscriptionRef).chain(found -> {
            Subscription s = found.subscription();
            if (change.state() != null) {
                transition(caller, org, s, change.state());
            }
            Uni<Void> renamed = Uni.createFrom().voidItem();
            if (change.name() != null && !change.name().equals(s.name)) {
                renamed = Subscription.count("appId = ?1 and name = ?2", s.appId, change.name()).map(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("subscription " + change.name() + " already exists");
                    }
                    s.name = change.name();
                    return null;
                });
            }
            return renamed.chain(() -> {
                if (change.title() != null) {
                    s.title = change.title();
                }
                if (change.summary() != null) {
                    s.summary = change.summary();
                }
                if (change.metadata() != null) {
                    s.metadata = json.write(change.metadata());
                }
                s.updatedAt = now();
                return events.subscriptionChanged(s, caller.subject());
            }).replaceWith(found);
        });
    }

    /**
     * pending -> enabled | rejected (organization admin); enabled <-> disabled; rejected is final; asking for the
     * current state is a conflict ("already in the requested state").
     */
    static void transition(Caller caller, String org, Subscription s, String target) {
        if (!Set.of(Subscription.PENDING, Subscription.ENABLED, Subscription.REJECTED, Subscription.DISABLED)
                .contains(target)) {
            throw ApiException.invalid("state", "must be pending, enabled, rejected or disabled");
        }
        if (target.equals(s.state)) {
            throw ApiException.conflict("subscription is already " + target);
        }
        switch (s.state) {
            case Subscription.PENDING -> {
                if (!target.equals(Subscription.ENABLED) && !target.equals(Subscription.REJECTED)) {
                    throw ApiException.conflict("a pending subscription can only be enabled or rejected");
                }
                Access.admin(caller, org, "app");
            }
            case Subscription.ENABLED -> {
                if (!target.equals(Subscription.DISABLED)) {
                    throw ApiException.conflict("an enabled subscription can only be disabled");
                }
            }
            case Subscription.DISABLED -> {
                if (!target.equals(Subscription.ENABLED)) {
                    throw ApiException.conflict("a disabled subscription can only be enabled");
                }
            }
            default -> throw ApiException.conflict("a " + s.state + " subscription cannot change state");
        }
        s.state = target;
    }

    @WithTransaction
    public Uni<Subscribed> delete(Caller caller, String org, String appRef, String subscriptionRef) {
        Access.writer(caller, org, "app");
        return loadSubscription(org, appRef, subscriptionRef).chain(found -> found.subscription().delete()
                .chain(() -> events.subscriptionDeleted(found.subscription(), caller.subject()))
                .replaceWith(found));
    }

    private Uni<App> load(String org, String appRef) {
        return App.findInOrg(org, appRef).map(app -> {
            if (app == null) {
                throw ApiException.notFound("app");
            }
            return app;
        });
    }

    /** One query for app, subscription and product, as entities for a change; any miss is 404. */
    private Uni<Subscribed> loadSubscription(String org, String appRef, String subscriptionRef) {
        UUID appId = App.uuid(appRef);
        UUID subscriptionId = App.uuid(subscriptionRef);
        String hql = "select a, s, p from App a, Subscription s, Product p"
                + " where s.appId = a.id and p.id = s.productId and a.organizationId = :org"
                + (appId != null ? " and (a.id = :appId or a.name = :appRef)" : " and a.name = :appRef")
                + (subscriptionId != null ? " and (s.id = :subId or s.name = :subRef)" : " and s.name = :subRef");
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class)
                    .setParameter("org", org)
                    .setParameter("appRef", appRef)
                    .setParameter("subRef", subscriptionRef);
            if (appId != null) {
                query.setParameter("appId", appId);
            }
            if (subscriptionId != null) {
                query.setParameter("subId", subscriptionId);
            }
            return query.setMaxResults(1).getResultList();
        }).map(rows -> {
            if (rows.isEmpty()) {
                throw ApiException.notFound("subscription");
            }
            Object[] row = rows.get(0);
            return new Subscribed((App) row[0], (Subscription) row[1], (Product) row[2]);
        });
    }

    public JsonNode metadata(String metadata) {
        return json.tree(metadata);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
