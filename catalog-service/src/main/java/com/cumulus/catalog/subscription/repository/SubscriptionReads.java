package com.cumulus.catalog.subscription.repository;

import com.cumulus.catalog.app.domain.App;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The hot read of one subscription ({@code GET /apps/{org}/{app}/subscriptions/{ref}}) as one prepared statement on
 * the pool, outside any Hibernate session or transaction: the app and the subscription are each matched by id or by
 * name within the organization, and only the product columns the response shows are read.
 */
@ApplicationScoped
public class SubscriptionReads {

    /** What a subscription read shows: the subscription, its app's address and its product's name. */
    public record SubscriptionView(String organizationId, UUID appId, UUID id, String name, String title,
                                   String summary, String state, String plan, String metadata, Instant createdAt,
                                   Instant updatedAt, String productName, String productVersion,
                                   String productTitle) {
    }

    private static final String FIND = "select a.organization_id, a.id as app_id, s.id, s.name, s.title, s.summary,"
            + " s.state, s.plan, s.metadata, s.created_at, s.updated_at,"
            + " p.name as product_name, p.version as product_version, p.title as product_title"
            + " from subscription s join app a on a.id = s.app_id join product p on p.id = s.product_id"
            + " where a.organization_id = $1 and (a.id = $2 or a.name = $3) and (s.id = $4 or s.name = $5)"
            + " limit 1";

    private final Pool pool;

    public SubscriptionReads(Pool pool) {
        this.pool = pool;
    }

    /** The subscription, or null when the organization has no such app or the app no such subscription. */
    public Uni<SubscriptionView> find(String org, String appRef, String subscriptionRef) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(org, App.uuid(appRef), appRef, App.uuid(subscriptionRef), subscriptionRef))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? view(it.next()) : null;
                });
    }

    private static SubscriptionView view(Row row) {
        return new SubscriptionView(row.getString("organization_id"), row.getUUID("app_id"), row.getUUID("id"),
                row.getString("name"), row.getString("title"), row.getString("summary"), row.getString("state"),
                row.getString("plan"), row.getString("metadata"), instant(row, "created_at"),
                instant(row, "updated_at"), row.getString("product_name"), row.getString("product_version"),
                row.getString("product_title"));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
