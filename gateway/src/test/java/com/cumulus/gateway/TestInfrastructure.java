package com.cumulus.gateway;

import com.cumulus.common.testing.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The gateway keeps no database; it reads identity's and catalog's events from a real Kafka. */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
