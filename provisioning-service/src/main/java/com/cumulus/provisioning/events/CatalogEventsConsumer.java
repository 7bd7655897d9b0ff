package com.cumulus.provisioning.events;

import com.cumulus.common.events.CloudEvent;
import com.cumulus.common.events.Inbox;
import com.cumulus.provisioning.template.ServiceTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;

/** catalog.events: keeps the services of each published project template (used by project deployments). */
@ApplicationScoped
public class CatalogEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogEventsConsumer.class);
    public static final String CONSUMER = "provisioning-catalog";
    static final String TEMPLATE_PUBLISHED = "com.cumulus.catalog.template.published.v1";

    private final Inbox inbox;
    private final ObjectMapper mapper;

    public CatalogEventsConsumer(Inbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("catalog-events")
    public Uni<Void> on(String json) {
        return inbox.handleOnce(CONSUMER, json, this::apply)
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .onFailure().invoke(e -> LOG.errorf(e, "catalog event could not be applied"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Uni<?> apply(CloudEvent event) {
        if (!TEMPLATE_PUBLISHED.equals(event.type()) || event.data() == null
                || !event.data().hasNonNull("templateId")) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        String id = data.get("templateId").asText();
        return ServiceTemplate.<ServiceTemplate>findById(id).chain(found -> {
            ServiceTemplate template = found != null ? found : new ServiceTemplate();
            template.templateId = id;
            template.name = data.path("name").asText(id);
            JsonNode services = data.path("services");
            template.services = services.isArray() ? services.toString() : "[]";
            template.updatedAt = OffsetDateTime.now();
            return found != null ? Uni.createFrom().item(template) : template.persist();
        });
    }
}
