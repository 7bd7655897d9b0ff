package com.cumulus.identity.account;

import com.cumulus.common.events.OutboxRelay;
import com.cumulus.common.events.SqlOutbox;
import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.Accounts;
import com.cumulus.identity.Accounts.Account;
import com.cumulus.identity.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A password login wakes no relay: its commit sends no NOTIFY, and its logged-in event still reaches Kafka, with the
 * publishing instance's periodic poll. Other writes keep notifying.
 */
@QuarkusTest
class LoginRelayWakeUpTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    OutboxRelay relay;
    @Inject
    SqlTransactions tx;
    @Inject
    SqlOutbox outbox;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String datasourceUrl;
    @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void aLoginNotifiesNobodyAndItsEventLeavesWithThePoll() {
        await().atMost(WAIT).until(relay::leads);
        Account account = Accounts.register("quiet-login");
        AtomicInteger notifications = new AtomicInteger();
        PgSubscriber listener = listen(notifications);
        try {
            // the registration's own notification may still be on its way: start counting once none has come for 1 s
            int[] last = {-1};
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int now = notifications.get();
                boolean quiet = now == last[0];
                last[0] = now;
                return quiet;
            });
            notifications.set(0);

            for (int i = 0; i < 3; i++) {
                String token = Accounts.login(account.email(), Accounts.PASSWORD);
                String claims = new String(Base64.getUrlDecoder().decode(token.replace("Bearer ", "").split("\\.")[1]));
                String sid = claims.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
                assertThat(Events.awaitEvent(bootstrap, "com.cumulus.identity.user.logged-in.v1", sid))
                        .contains(account.userId());
            }
            assertThat(notifications.get()).as("notifications sent by the three logins' commits").isZero();

            // any other outbox write still wakes the publisher through NOTIFY (so this listener does hear them)
            tx.inTransaction(() -> outbox.record("com.cumulus.identity.test.v1", UUID.randomUUID().toString(),
                    Map.of("probe", true))).await().atMost(WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(notifications.get()).isPositive());
        } finally {
            listener.close().await().atMost(WAIT);
        }
    }

    private PgSubscriber listen(AtomicInteger notifications) {
        PgConnectOptions options = PgConnectOptions.fromUri(datasourceUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(username);
        password.ifPresent(options::setPassword);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.channel("outbox_event").handler(payload -> notifications.incrementAndGet());
        subscriber.connect().await().atMost(WAIT);
        return subscriber;
    }
}
