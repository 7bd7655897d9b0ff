package com.cumulus.provisioning.driver;

import com.cumulus.provisioning.config.ProvisioningConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kubernetes driver against fabric8's mock API server in CRUD mode (a real HTTP API, no cluster). */
@EnableKubernetesMockClient(crud = true)
class KubernetesDriverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = "cumulus-services";

    static KubernetesClient client;

    private KubernetesDriver driver;

    @BeforeEach
    void setUp() {
        driver = new KubernetesDriver(client, new ProvisioningConfig.Kubernetes() {
        @Override
        public String namespace() {
            return NS;
        }

        @Override
        public String image() {
            return "clickhouse/clickhouse-server:24.8";
        }

        @Override
        public String backupImage() {
            return "clickhouse/clickhouse-backup:2.5";
        }
        });
    }

    private static ServiceSpec spec(UUID id, int replicas, int minGb, int maxGb, String hash, UUID restore) {
        return new ServiceSpec(id, "org-1", "Analytics", "aws", "eu-west-1", "production", replicas, minGb, maxGb,
                maxGb * replicas, hash, restore);
    }

    @Test
    void provisionCreatesStatefulSetServiceAndSecretIdempotently() {
        UUID id = UUID.randomUUID();
        UUID backup = UUID.randomUUID();
        ServiceSpec spec = spec(id, 3, 8, 16, "aGFzaA==", backup);

        driver.provision(spec).await().atMost(WAIT);
        driver.provision(spec).await().atMost(WAIT);

        String name = KubernetesDriver.name(id);
        StatefulSet set = client.apps().statefulSets().inNamespace(NS).withName(name).get();
        assertThat(set.getSpec().getReplicas()).isEqualTo(3);
        assertThat(set.getMetadata().getLabels()).containsEntry(KubernetesDriver.LABEL_SERVICE, id.toString())
                .containsEntry(KubernetesDriver.LABEL_ORG, "org-1");
        assertThat(set.getMetadata().getAnnotations()).containsEntry("cumulus.com/restore-from-backup",
                backup.toString());
        var container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("16Gi");
        assertThat(container.getResources().getRequests().get("memory").toString()).isEqualTo("8Gi");
        Service service = client.services().inNamespace(NS).withName(name).get();
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8443, 9440);
        Secret secret = client.secrets().inNamespace(NS).withName(name).get();
        assertThat(secret).isNotNull();
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()
                .stream().filter(s -> s.getMetadata().getName().equals(name))).hasSize(1);
    }

    @Test
    void stopStartScaleAndPasswordUpdateTheObjects() {
        UUID id = UUID.randomUUID();
        String name = KubernetesDriver.name(id);
        driver.provision(spec(id, 3, 8, 16, "b2xk", null)).await().atMost(WAIT);

        driver.stop(spec(id, 3, 8, 16, "b2xk", null)).await().atMost(WAIT);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName(name).get().getSpec().getReplicas()).isZero();
        driver.scale(spec(id, 5, 16, 32, "b2xk", null)).await().atMost(WAIT);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName(name).get().getSpec().getReplicas())
                .as("scaling a stopped service keeps it stopped").isZero();
        driver.start(spec(id, 5, 16, 32, "b2xk", null)).await().atMost(WAIT);
        StatefulSet set = client.apps().statefulSets().inNamespace(NS).withName(name).get();
        assertThat(set.getSpec().getReplicas()).isEqualTo(5);
        assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("memory").toString()).isEqualTo("32Gi");

        driver.updatePassword(spec(id, 5, 16, 32, "bmV3", null)).await().atMost(WAIT);
        Secret secret = client.secrets().inNamespace(NS).withName(name).get();
        String stored = secret.getStringData() != null && secret.getStringData().containsKey("password-sha256-base64")
                ? secret.getStringData().get("password-sha256-base64")
                : new String(java.util.Base64.getDecoder().decode(secret.getData().get("password-sha256-base64")));
        assertThat(stored).isEqualTo("bmV3");
    }

    @Test
    void backupCreatesAJobAndTerminateRemovesTheService() {
        UUID id = UUID.randomUUID();
        String name = KubernetesDriver.name(id);
        ServiceSpec spec = spec(id, 3, 8, 16, "aGFzaA==", null);
        driver.provision(spec).await().atMost(WAIT);
        UUID backupId = UUID.randomUUID();

        BackupOutcome outcome = driver.backup(spec, backupId).await().atMost(WAIT);

        assertThat(outcome.sizeInBytes()).isPositive();
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("backup-" + backupId).get();
        assertThat(job.getMetadata().getLabels()).containsEntry(KubernetesDriver.LABEL_BACKUP, backupId.toString());

        driver.terminate(spec).await().atMost(WAIT);
        driver.terminate(spec).await().atMost(WAIT);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName(name).get()).isNull();
        assertThat(client.services().inNamespace(NS).withName(name).get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName(name).get()).isNull();
    }

    @Test
    void scalingAMissingServiceFailsWithAReason() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> driver.scale(spec(id, 3, 8, 16, "x", null)).await().atMost(WAIT))
                .isInstanceOf(DriverException.class).hasMessageContaining("does not exist");
    }
}
