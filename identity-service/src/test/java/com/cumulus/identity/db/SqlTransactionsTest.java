package com.cumulus.identity.db;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.UserRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identity's use cases run on {@link SqlTransactions}: a change and its outbox event commit or roll back together. */
@QuarkusTest
class SqlTransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SqlTransactions tx;
    @Inject
    SqlOutbox outbox;
    @Inject
    UserRepository users;
    @Inject
    Pool pool;

    @Test
    void aFailedUseCaseLeavesNeitherItsChangeNorItsEvent() {
        User user = user("rollback");
        AtomicLong eventsSeenInside = new AtomicLong();
        Uni<Object> useCase = tx.inTransaction(() -> users.insert(user)
                .chain(() -> outbox.record("com.cumulus.identity.test.v1", user.id.toString(), Map.of("a", 1)))
                .chain(event -> tx.client().preparedQuery("select count(*) from outbox_event where event_id = $1")
                        .execute(Tuple.of(UUID.fromString(event.id()))))
                .invoke(rows -> eventsSeenInside.set(rows.iterator().next().getLong(0)))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the use case fails after its writes"))));

        assertThatThrownBy(() -> useCase.await().atMost(WAIT)).hasMessageContaining("fails after its writes");

        assertThat(eventsSeenInside.get()).as("the event row is written on the use case's connection").isEqualTo(1);
        assertThat(users.findById(user.id).await().atMost(WAIT)).isNull();
        assertThat(pool.preparedQuery("select count(*) from outbox_event where aggregate_id = $1")
                .execute(Tuple.of(user.id.toString())).await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }

    @Test
    void aNestedTransactionJoinsTheOuterOneAndCommitsWithIt() {
        User outer = user("outer");
        User inner = user("inner");
        CloudEvent event = tx.inTransaction(() -> users.insert(outer)
                        .chain(() -> tx.inTransaction(() -> users.findById(outer.id)
                                .invoke(seen -> assertThat(seen).as("the outer insert, not committed yet").isNotNull())
                                .chain(() -> users.insert(inner))))
                        .chain(() -> outbox.record("com.cumulus.identity.test.v1", outer.id.toString(), Map.of())))
                .await().atMost(WAIT);

        assertThat(event.subject()).isEqualTo(outer.id.toString());
        assertThat(users.findById(outer.id).await().atMost(WAIT)).isNotNull();
        assertThat(users.findById(inner.id).await().atMost(WAIT)).isNotNull();
    }

    @Test
    void anEventOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.record("com.cumulus.identity.test.v1", "x", Map.of()).await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no transaction");
    }

    private static User user(String name) {
        User u = new User();
        u.id = UUID.randomUUID();
        u.email = name + "-" + u.id + "@tx.test";
        u.createdAt = Instant.now();
        u.updatedAt = u.createdAt;
        return u;
    }
}
