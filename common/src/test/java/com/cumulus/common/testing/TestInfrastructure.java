package com.cumulus.common.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL and Kafka once for the whole module, so Quarkus boots once. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false, parallel = true)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
