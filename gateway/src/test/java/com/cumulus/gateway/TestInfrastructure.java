package com.cumulus.gateway;

import com.cumulus.common.testing.KafkaResource;
import com.cumulus.gateway.support.EchoUpstreams;
import com.cumulus.gateway.support.GatewayTestIssuer;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The gateway keeps no database; it reads identity's and catalog's events from a real Kafka, verifies tokens against
 * a test issuer and proxies to echoing upstreams. Registered once for the module, so Quarkus boots once.
 */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayTestIssuer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EchoUpstreams.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
