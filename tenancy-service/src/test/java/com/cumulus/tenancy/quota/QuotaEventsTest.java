package com.cumulus.tenancy.quota;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Quota by events for provisioning: {@code service.quota-requested} reserves and answers {@code quota.reserved} /
 * {@code quota.rejected} on tenancy.events; {@code service.deleted} releases the reservation of reference = serviceId.
 */
@QuarkusTest
class QuotaEventsTest {

    static final Duration WAIT = QuotaEventChannels.WAIT;
    static final String REQUESTED = "com.cumulus.provisioning.service.quota-requested.v1";
    static final String DELETED = "com.cumulus.provisioning.service.deleted.v1";
    static final String RESERVED = "com.cumulus.tenancy.quota.reserved.v1";
    static final String REJECTED = "com.cumulus.tenancy.quota.rejected.v1";

    final TestTokens alice = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    QuotaEventChannels channels;

    @BeforeEach
    void listen() {
        channels = new QuotaEventChannels(bootstrap, codec);
    }

    @AfterEach
    void close() {
        channels.close();
    }

    private CloudEvent requested(String org, String serviceId) {
        return CloudEvent.of("/provisioning", REQUESTED, serviceId, null, null, mapper.valueToTree(Map.of(
                "serviceId", serviceId, "organizationId", org, "projectId", UUID.randomUUID().toString(),
                "name", "tpl svc", "kind", "services", "quantity", 1, "reference", serviceId)));
    }

    private CloudEvent deleted(String org, String serviceId) {
        return CloudEvent.of("/provisioning", DELETED, serviceId, null, null, mapper.valueToTree(Map.of(
                "serviceId", serviceId, "organizationId", org, "projectId", UUID.randomUUID().toString(),
                "name", "tpl svc")));
    }

    private void send(CloudEvent... events) {
        channels.sendAsProvisioning(events);
    }

    /** tenancy's quota answers for this organization (key = organizationId). */
    private List<CloudEvent> answers(String org) {
        return channels.tenancyEvents(org, Set.of(RESERVED, REJECTED));
    }

    private int servicesUsed(String org) {
        return given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().statusCode(200).extract().path("quotas.find { it.kind == 'services' }.used");
    }

    private void setServicesQuota(String org, int quantity) {
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"quotas\":[{\"kind\":\"services\",\"quantity\":" + quantity + "}]}")
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(200);
    }

    private static boolean processed(CloudEvent e) throws Exception {
        Long n;
        try {
            n = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select count(*) from processed_event where consumer = 'tenancy-provisioning'"
                                + " and event_id = cast(?1 as uuid)", Long.class)
                        .setParameter(1, e.id()).getSingleResult())));
        } catch (Exception | Error t) {
            throw t;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return n > 0;
    }

    @Test
    void requestIsReservedAndAnsweredAndRedeliveryReservesOnce() {
        String org = Fixtures.organization(alice);
        String serviceId = UUID.randomUUID().toString();
        CloudEvent request = requested(org, serviceId);
        send(request, request);
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).hasSize(1));
        CloudEvent answer = answers(org).get(0);
        assertThat(answer.type()).isEqualTo(RESERVED);
        assertThat(answer.subject()).isEqualTo(org);
        assertThat(answer.data().get("organizationId").asText()).isEqualTo(org);
        assertThat(answer.data().get("kind").asText()).isEqualTo("services");
        assertThat(answer.data().get("quantity").asInt()).isEqualTo(1);
        assertThat(answer.data().get("reference").asText()).isEqualTo(serviceId);
        String reservationId = answer.data().get("reservationId").asText();
        assertThat(reservationId).isNotBlank();
        assertThat(servicesUsed(org)).isEqualTo(1);

        // a new request for the same reference (e.g. provisioning asked again) answers the same reservation
        send(requested(org, serviceId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).hasSize(2));
        assertThat(answers(org)).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(RESERVED);
            assertThat(e.data().get("reservationId").asText()).isEqualTo(reservationId);
        });
        assertThat(servicesUsed(org)).isEqualTo(1);
    }

    @Test
    void requestOverQuotaIsRejectedAndChangesNothing() {
        String org = Fixtures.organization(alice);
        setServicesQuota(org, 1);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        send(requested(org, first));
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).hasSize(1));
        send(requested(org, second));
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).hasSize(2));
        CloudEvent rejected = answers(org).stream().filter(e -> second.equals(e.data().get("reference").asText()))
                .findFirst().orElseThrow();
        assertThat(rejected.type()).isEqualTo(REJECTED);
        assertThat(rejected.data().get("organizationId").asText()).isEqualTo(org);
        assertThat(rejected.data().get("kind").asText()).isEqualTo("services");
        assertThat(rejected.data().get("quantity").asInt()).isEqualTo(1);
        assertThat(rejected.data().get("reason").asText()).isEqualTo("quota services exceeded");
        assertThat(servicesUsed(org)).isEqualTo(1);
        // the rejected reference holds nothing: the synchronous endpoint can release it without effect
        given().header("Authorization", alice.bearer())
                .delete("/internal/organizations/" + org + "/quota-reservations/" + second).then().statusCode(204);
        assertThat(servicesUsed(org)).isEqualTo(1);
    }

    @Test
    void serviceDeletedReleasesTheReservationAndUnknownReferenceChangesNothing() {
        String org = Fixtures.organization(alice);
        // one reserved by event (template deployment), one through the synchronous endpoint (POST /services)
        String byEvent = UUID.randomUUID().toString();
        String byCall = UUID.randomUUID().toString();
        send(requested(org, byEvent));
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).hasSize(1));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", byCall))
                .post("/internal/organizations/" + org + "/quota-reservations").then().statusCode(201);
        assertThat(servicesUsed(org)).isEqualTo(2);

        CloudEvent unknown = deleted(org, UUID.randomUUID().toString());
        send(unknown);
        await().atMost(WAIT).until(() -> processed(unknown));
        assertThat(servicesUsed(org)).isEqualTo(2);

        CloudEvent gone = deleted(org, byEvent);
        send(gone, gone);
        await().atMost(WAIT).untilAsserted(() -> assertThat(servicesUsed(org)).isEqualTo(1));
        send(deleted(org, byCall));
        await().atMost(WAIT).untilAsserted(() -> assertThat(servicesUsed(org)).isEqualTo(0));

        // the slots are free again: a new request is reserved
        setServicesQuota(org, 1);
        String next = UUID.randomUUID().toString();
        send(requested(org, next));
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers(org)).extracting(CloudEvent::type)
                .containsExactly(RESERVED, RESERVED));
        assertThat(servicesUsed(org)).isEqualTo(1);
    }
}
