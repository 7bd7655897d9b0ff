package com.cumulus.provisioning;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.EventCodec;
import com.cumulus.provisioning.events.ProvisioningEvents;
import com.cumulus.provisioning.events.TenancyEventsConsumer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tenancy's side of the quota events, as the lead applies it to tenancy-service (docs/provisioning-service.md,
 * "Quota"): consumes provisioning.events; {@code service.quota-requested} reserves (idempotent by reference) and answers
 * {@code quota.reserved} / {@code quota.rejected} on tenancy.events; {@code service.deleted} releases the reservation.
 * The reservations live in {@link FakeTenancyResource}, the same ones the synchronous endpoint uses.
 */
@ApplicationScoped
public class FakeTenancyQuotaEvents {

    private static final Logger LOG = Logger.getLogger(FakeTenancyQuotaEvents.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EventCodec codec;
    private final ObjectMapper mapper;
    private final Emitter<String> tenancyEvents;

    public FakeTenancyQuotaEvents(EventCodec codec, ObjectMapper mapper,
                                  @Channel("fake-tenancy-events") Emitter<String> tenancyEvents) {
        this.codec = codec;
        this.mapper = mapper;
        this.tenancyEvents = tenancyEvents;
    }

    @Incoming("fake-tenancy-provisioning-events")
    @Blocking
    public void on(String json) {
        try {
            CloudEvent event = codec.read(json);
            if (event.data() == null) {
                return;
            }
            String org = event.data().path("organizationId").asText();
            String serviceId = event.data().path("serviceId").asText();
            if (ProvisioningEvents.SERVICE_DELETED.equals(event.type())) {
                admin("/admin/system-release/" + org + "/" + serviceId);
            } else if (ProvisioningEvents.SERVICE_QUOTA_REQUESTED.equals(event.type())) {
                String reference = event.data().path("reference").asText();
                int status = admin("/admin/system-reserve/" + org + "/" + reference);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("organizationId", org);
                data.put("kind", event.data().path("kind").asText());
                data.put("quantity", event.data().path("quantity").asInt());
                data.put("reference", reference);
                String type;
                if (status == 201) {
                    type = TenancyEventsConsumer.QUOTA_RESERVED;
                    data.put("reservationId", java.util.UUID.randomUUID().toString());
                } else {
                    type = TenancyEventsConsumer.QUOTA_REJECTED;
                    data.put("reason", "quota services exceeded");
                }
                CloudEvent answer = CloudEvent.of("/tenancy", type, org, null, null, mapper.valueToTree(data));
                tenancyEvents.send(Message.of(codec.write(answer)).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(org).build()));
            }
        } catch (Exception e) {
            LOG.warnf(e, "fake tenancy could not handle a provisioning event");
        }
    }

    private static int admin(String path) throws Exception {
        String base = ConfigProvider.getConfig().getValue("cumulus.test.tenancy.url", String.class);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
