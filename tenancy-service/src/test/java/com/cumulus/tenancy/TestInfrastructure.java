package com.cumulus.tenancy;

import com.cumulus.common.testing.KafkaResource;
import com.cumulus.common.testing.PostgresResource;
import com.cumulus.common.testing.TestIssuerResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Real PostgreSQL, real Kafka, a test token issuer and a real SMTP server, started once for the module so Quarkus boots once. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = TestIssuerResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = false, parallel = true)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
