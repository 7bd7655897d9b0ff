package com.cumulus.catalog.events;

import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.app.domain.Credential;
import com.cumulus.catalog.product.domain.Plan;
import com.cumulus.catalog.product.domain.Product;
import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.subscription.domain.Subscription;
import com.cumulus.common.events.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * catalog.events: credential and subscription changes for identity's client_credentials grant and the gateway.
 * Every method must run inside the use case's transaction (the outbox row commits with the change).
 */
@ApplicationScoped
public class CatalogEvents {
    public static final String CREDENTIAL_ISSUED = "com.cumulus.catalog.credential.issued.v1";
    public static final String CREDENTIAL_UPDATED = "com.cumulus.catalog.credential.updated.v1";
    public static final String CREDENTIAL_REVOKED = "com.cumulus.catalog.credential.revoked.v1";
    public static final String SUBSCRIPTION_CHANGED = "com.cumulus.catalog.subscription.changed.v1";
    public static final String SUBSCRIPTION_DELETED = "com.cumulus.catalog.subscription.deleted.v1";
    public static final String TEMPLATE_PUBLISHED = "com.cumulus.catalog.template.published.v1";

    @RegisterForReflection
    public record CredentialData(String credentialId, String appId, String organizationId, String clientId,
                                 String clientSecretHash, String state) {
    }

    @RegisterForReflection
    public record RateLimitData(long requests, long periodSeconds) {
    }

    @RegisterForReflection
    public record SubscriptionData(String subscriptionId, String appId, String organizationId, List<String> clientIds,
                                   String productName, String productVersion, String plan, String state,
                                   RateLimitData rateLimit) {
    }

    private final Outbox outbox;
    private final ProductCatalog products;

    public CatalogEvents(Outbox outbox, ProductCatalog products) {
        this.outbox = outbox;
        this.products = products;
    }

    /** A credential works only while its app is enabled. */
    public Uni<Void> credential(String type, Credential credential, App app, String actor) {
        CredentialData data = new CredentialData(credential.id.toString(), app.id.toString(), app.organizationId,
                credential.clientId, credential.clientSecretHash,
                App.ENABLED.equals(app.state) && !CREDENTIAL_REVOKED.equals(type) ? "enabled" : "disabled");
        return outbox.record(type, credential.id.toString(), data, actor).replaceWithVoid();
    }

    public Uni<Void> subscriptionChanged(Subscription subscription, String actor) {
        // one reactive session: queries run one after the other
        return Product.<Product>findById(subscription.productId)
                .chain(product -> Credential.ofApp(subscription.appId)
                        .map(credentials -> io.smallrye.mutiny.tuples.Tuple2.of(product, credentials)))
                .chain(t -> {
                    Product product = t.getItem1();
                    List<String> clientIds = t.getItem2().stream().map(c -> c.clientId).toList();
                    Plan plan = products.plans(product).stream().filter(p -> p.name().equals(subscription.plan))
                            .findFirst().orElse(null);
                    RateLimitData rate = plan == null || plan.rateLimit() == null ? null
                            : new RateLimitData(plan.rateLimit().requests(), plan.rateLimit().periodSeconds());
                    SubscriptionData data = new SubscriptionData(subscription.id.toString(),
                            subscription.appId.toString(), subscription.organizationId, clientIds, product.name,
                            product.version, subscription.plan, subscription.state, rate);
                    return outbox.record(SUBSCRIPTION_CHANGED, subscription.id.toString(), data, actor);
                })
                .replaceWithVoid();
    }

    public Uni<Void> subscriptionDeleted(Subscription subscription, String actor) {
        return outbox.record(SUBSCRIPTION_DELETED, subscription.id.toString(),
                Map.of("subscriptionId", subscription.id.toString()), actor).replaceWithVoid();
    }

    /** The client ids of an app changed: every subscription's event carries the new set. */
    public Uni<Void> appSubscriptionsChanged(App app, String actor) {
        return Subscription.ofApp(app.id).chain(subs -> sequence(subs, s -> subscriptionChanged(s, actor)));
    }

    public static <T> Uni<Void> sequence(List<T> items, java.util.function.Function<T, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item));
        }
        return chain;
    }
}
