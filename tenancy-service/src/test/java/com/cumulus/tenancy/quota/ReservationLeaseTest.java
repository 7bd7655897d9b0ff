package com.cumulus.tenancy.quota;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.cumulus.tenancy.quota.service.ReservationLeaseReconciler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases of synchronous reservations (docs/tenancy-service.md, "Leases"): provisional until provisioning's
 * {@code service.created} confirms them, released by the reconciler when the lease ran out first (the service was never
 * inserted), reserved again when the confirmation arrives after that release. The reconciler is called with the
 * moment just after a reservation's lease, so nothing waits for the configured lease.
 */
@QuarkusTest
class ReservationLeaseTest {

    static final Duration WAIT = QuotaEventChannels.WAIT;
    static final String CREATED = "com.cumulus.provisioning.service.created.v1";
    static final String QUOTA_REQUESTED = "com.cumulus.provisioning.service.quota-requested.v1";
    static final String DELETED = "com.cumulus.provisioning.service.deleted.v1";
    static final String LEASE_EXPIRED = "com.cumulus.tenancy.quota.lease-expired.v1";
    static final String RESERVED = "com.cumulus.tenancy.quota.reserved.v1";
    static final String OVERCOMMITTED = "com.cumulus.tenancy.quota.overcommitted.v1";

    final TestTokens alice = TestTokens.newUser();

    @Inject
    EventCodec codec;
    @Inject
    ObjectMapper mapper;
    @Inject
    ReservationLeaseReconciler reconciler;
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

    @Test
    void aReservationWhoseServiceWasNeverInsertedIsReleasedAfterItsLease() {
        String org = Fixtures.organization(alice);
        String reference = UUID.randomUUID().toString();
        JsonPath reservation = reserve(org, reference, 201);
        assertThat(reservation.getString("status")).isEqualTo("provisional");
        OffsetDateTime expiresAt = OffsetDateTime.parse(reservation.getString("expiresAt"));
        assertThat(services(org)).containsEntry("used", 1).containsEntry("free", 19);

        // still within the lease: the reconciler leaves it alone
        releaseExpired(expiresAt.minusSeconds(1));
        assertThat(services(org)).containsEntry("used", 1);

        // provisioning crashed before inserting the service: no service.created ever comes
        releaseExpired(expiresAt.plusNanos(1_000_000));
        assertThat(services(org)).containsEntry("used", 0).containsEntry("free", 20);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(org, LEASE_EXPIRED)).hasSize(1));
        CloudEvent expired = events(org, LEASE_EXPIRED).get(0);
        assertThat(expired.subject()).isEqualTo(org);
        assertThat(expired.data().get("organizationId").asText()).isEqualTo(org);
        assertThat(expired.data().get("kind").asText()).isEqualTo("services");
        assertThat(expired.data().get("quantity").asInt()).isEqualTo(1);
        assertThat(expired.data().get("reference").asText()).isEqualTo(reference);
        assertThat(expired.data().get("reservationId").asText()).isEqualTo(reservation.getString("reservationId"));
        assertThat(OffsetDateTime.parse(expired.data().get("leaseExpiredAt").asText()).toInstant().toEpochMilli())
                .isEqualTo(expiresAt.toInstant().toEpochMilli());

        // released once: a second pass finds nothing more to give back
        releaseExpired(expiresAt.plusNanos(1_000_000));
        assertThat(services(org)).containsEntry("used", 0);
    }

    @Test
    void serviceCreatedConfirmsTheReservationAndTheReconcilerNeverReleasesIt() {
        String org = Fixtures.organization(alice);
        String serviceId = UUID.randomUUID().toString();
        OffsetDateTime expiresAt = OffsetDateTime.parse(reserve(org, serviceId, 201).getString("expiresAt"));
        CloudEvent created = serviceCreated(org, serviceId, "reserved");
        send(created, created);
        await().atMost(WAIT).untilAsserted(() -> assertThat(reserve(org, serviceId, 200).getString("status"))
                .isEqualTo("confirmed"));
        assertThat(reserve(org, serviceId, 200).getString("expiresAt")).isNull();

        // a template service's reservation (by event) is confirmed from the start
        String templateService = UUID.randomUUID().toString();
        send(serviceCreated(org, templateService, "requested"), quotaRequested(org, templateService));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(org, RESERVED)).hasSize(1));
        assertThat(reserve(org, templateService, 200).getString("status")).isEqualTo("confirmed");
        assertThat(services(org)).containsEntry("used", 2).containsEntry("free", 18);

        releaseExpired(expiresAt.plusDays(1));
        assertThat(services(org)).containsEntry("used", 2).containsEntry("free", 18);
        assertThat(events(org, LEASE_EXPIRED)).isEmpty();

        // deleting the service gives its slot back as before
        send(serviceDeleted(org, serviceId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(services(org)).containsEntry("used", 1));
    }

    @Test
    void aConfirmationAfterTheLeaseWasReleasedReservesAgain() {
        String org = Fixtures.organization(alice);
        setServicesQuota(org, 1);
        String serviceId = UUID.randomUUID().toString();
        OffsetDateTime expiresAt = OffsetDateTime.parse(reserve(org, serviceId, 201).getString("expiresAt"));
        releaseExpired(expiresAt.plusNanos(1_000_000));
        assertThat(services(org)).containsEntry("used", 0).containsEntry("free", 1);

        // the service exists after all (its service.created was only late): it gets its slot again, confirmed
        send(serviceCreated(org, serviceId, "reserved"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(org, RESERVED)).hasSize(1));
        CloudEvent reserved = events(org, RESERVED).get(0);
        assertThat(reserved.data().get("reference").asText()).isEqualTo(serviceId);
        assertThat(services(org)).containsEntry("used", 1).containsEntry("free", 0);
        assertThat(reserve(org, serviceId, 200).getString("status")).isEqualTo("confirmed");
        assertThat(events(org, OVERCOMMITTED)).isEmpty();
    }

    @Test
    void aLateConfirmationWithNoSlotLeftIsReservedOverQuotaAndReported() {
        String org = Fixtures.organization(alice);
        setServicesQuota(org, 1);
        String late = UUID.randomUUID().toString();
        OffsetDateTime expiresAt = OffsetDateTime.parse(reserve(org, late, 201).getString("expiresAt"));
        releaseExpired(expiresAt.plusNanos(1_000_000));
        // meanwhile another service took the freed slot
        String other = UUID.randomUUID().toString();
        reserve(org, other, 201);
        send(serviceCreated(org, other, "reserved"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reserve(org, other, 200).getString("status"))
                .isEqualTo("confirmed"));
        assertThat(services(org)).containsEntry("used", 1).containsEntry("free", 0);

        send(serviceCreated(org, late, "reserved"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(org, OVERCOMMITTED)).hasSize(1));
        CloudEvent over = events(org, OVERCOMMITTED).get(0);
        assertThat(over.subject()).isEqualTo(org);
        assertThat(over.data().get("kind").asText()).isEqualTo("services");
        assertThat(over.data().get("reference").asText()).isEqualTo(late);
        assertThat(over.data().get("used").asInt()).isEqualTo(2);
        assertThat(over.data().get("limit").asInt()).isEqualTo(1);
        assertThat(services(org)).containsEntry("quantity", 1).containsEntry("used", 2).containsEntry("free", 0);
        assertThat(reserve(org, late, 200).getString("status")).isEqualTo("confirmed");
        // over quota, new reservations are refused until a service goes
        reserve(org, UUID.randomUUID().toString(), 409);

        send(serviceDeleted(org, late));
        await().atMost(WAIT).untilAsserted(() -> assertThat(services(org)).containsEntry("used", 1));
        releaseExpired(expiresAt.plusDays(1));
        assertThat(services(org)).containsEntry("used", 1).containsEntry("free", 0);
    }

    // ---------------------------------------------------------------- helpers

    private JsonPath reserve(String org, String reference, int status) {
        return given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "services", "quantity", 1, "reference", reference))
                .post("/internal/organizations/" + org + "/quota-reservations")
                .then().statusCode(status).extract().jsonPath();
    }

    private void releaseExpired(OffsetDateTime now) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> reconciler.releaseExpired(now));
        } catch (Throwable t) {
            throw new AssertionError("reconciler failed", t);
        }
    }

    /** The services quota of the organization: quantity, used, free. */
    private Map<String, Object> services(String org) {
        return given().header("Authorization", alice.bearer()).get("/api/v1/organizations/" + org + "/quotas")
                .then().statusCode(200).extract().jsonPath().getMap("quotas.find { it.kind == 'services' }");
    }

    private void setServicesQuota(String org, int quantity) {
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body("{\"quotas\":[{\"kind\":\"services\",\"quantity\":" + quantity + "}]}")
                .put("/api/v1/organizations/" + org + "/quotas").then().statusCode(200);
    }

    private List<CloudEvent> events(String org, String type) {
        return channels.tenancyEvents(org, Set.of(type));
    }

    private CloudEvent serviceCreated(String org, String serviceId, String quota) {
        Map<String, Object> data = service(org, serviceId);
        data.put("state", "starting");
        data.put("quota", quota);
        return CloudEvent.of("/provisioning", CREATED, serviceId, null, null, mapper.valueToTree(data));
    }

    private CloudEvent quotaRequested(String org, String serviceId) {
        Map<String, Object> data = service(org, serviceId);
        data.put("kind", "services");
        data.put("quantity", 1);
        data.put("reference", serviceId);
        return CloudEvent.of("/provisioning", QUOTA_REQUESTED, serviceId, null, null, mapper.valueToTree(data));
    }

    private CloudEvent serviceDeleted(String org, String serviceId) {
        return CloudEvent.of("/provisioning", DELETED, serviceId, null, null, mapper.valueToTree(service(org, serviceId)));
    }

    private static Map<String, Object> service(String org, String serviceId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceId", serviceId);
        data.put("organizationId", org);
        data.put("projectId", null);
        data.put("name", "leased");
        return data;
    }

    private void send(CloudEvent... events) {
        channels.sendAsProvisioning(events);
    }
}
