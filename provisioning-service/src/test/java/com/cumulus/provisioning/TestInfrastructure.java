package com.cumulus.provisioning;

import com.cumulus.common.testing.KafkaResource;
import com.cumulus.common.testing.PostgresResource;
import com.cumulus.common.testing.TestIssuerResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Real PostgreSQL, real Kafka, a test token issuer and a fake tenancy quota endpoint, started once for the module so Quarkus boots once. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = TestIssuerResource.class, restrictToAnnotatedClass = false, parallel = true)
@QuarkusTestResource(value = FakeTenancyResource.class, restrictToAnnotatedClass = false, parallel = true)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
