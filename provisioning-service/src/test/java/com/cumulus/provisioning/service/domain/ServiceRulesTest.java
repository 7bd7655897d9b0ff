package com.cumulus.provisioning.service.domain;

import com.cumulus.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field rules of seed 004, without Quarkus. */
class ServiceRulesTest {

    @Test
    void cidrs() {
        assertThat(ServiceRules.isCidr("10.0.0.0/8")).isTrue();
        assertThat(ServiceRules.isCidr("192.168.1.1")).isTrue();
        assertThat(ServiceRules.isCidr("0.0.0.0/0")).isTrue();
        assertThat(ServiceRules.isCidr("2001:db8::/32")).isTrue();
        assertThat(ServiceRules.isCidr("::1")).isTrue();
        assertThat(ServiceRules.isCidr("10.0.0.0/33")).isFalse();
        assertThat(ServiceRules.isCidr("256.1.1.1")).isFalse();
        assertThat(ServiceRules.isCidr("example.com")).isFalse();
        assertThat(ServiceRules.isCidr("2001:db8::/129")).isFalse();
    }

    @Test
    void memoryRulesNameTheField() {
        assertThatCode(() -> ServiceRules.totalMemory(24, 360, 360, false)).doesNotThrowAnyException();
        assertField(() -> ServiceRules.totalMemory(30, null, 360, false), "minTotalMemoryGb");
        assertField(() -> ServiceRules.totalMemory(null, 372, 360, false), "maxTotalMemoryGb");
        assertThatCode(() -> ServiceRules.totalMemory(null, 720, 720, true)).doesNotThrowAnyException();
        assertField(() -> ServiceRules.totalMemory(48, 24, 720, true), "minTotalMemoryGb");
        assertField(() -> ServiceRules.replicaMemory(10, null, 120, false), "minReplicaMemoryGb");
        assertField(() -> ServiceRules.replicaMemory(null, 124, 120, false), "maxReplicaMemoryGb");
        assertField(() -> ServiceRules.replicas(21), "numReplicas");
        assertField(() -> ServiceRules.idleTimeout(4), "idleTimeoutMinutes");
    }

    @Test
    void providersRegionsTiersAndNames() {
        assertThatCode(() -> ServiceRules.providerAndRegion("gcp", "europe-west4")).doesNotThrowAnyException();
        assertField(() -> ServiceRules.providerAndRegion("gcp", "eu-west-1"), "region");
        assertField(() -> ServiceRules.providerAndRegion("oracle", "eu-west-1"), "provider");
        assertField(() -> ServiceRules.tier("azure", "development"), "tier");
        assertThatCode(() -> ServiceRules.tier("aws", "development")).doesNotThrowAnyException();
        assertField(() -> ServiceRules.name("name", "a-b"), "name");
        assertThatCode(() -> ServiceRules.name("name", "My Service 2")).doesNotThrowAnyException();
        assertField(() -> ServiceRules.ipAccessList("ipAccessList", List.of(new IpAccessEntry("x", null))),
                "ipAccessList[0].source");
    }

    private static void assertField(Runnable check, String field) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).contains(field);
        });
    }
}
