package com.cumulus.provisioning.driver;

import com.cumulus.provisioning.config.ProvisioningConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Maps a service to Kubernetes objects with the fabric8 client: a StatefulSet (replicas = numReplicas, memory per
 * replica), a headless Service with the client ports, a Secret with the password hash, and a Job per backup.
 * Every operation is a server-side apply of the desired objects (idempotent); blocking client calls run on a worker.
 */
@ApplicationScoped
public class KubernetesDriver implements ServiceDriver {

    public static final String LABEL_SERVICE = "cumulus.com/service-id";
    public static final String LABEL_ORG = "cumulus.com/organization-id";
    public static final String LABEL_BACKUP = "cumulus.com/backup-id";

    private final Instance<KubernetesClient> clients;
    private final ProvisioningConfig.Kubernetes config;
    private volatile KubernetesClient client;

    public KubernetesDriver(Instance<KubernetesClient> clients, ProvisioningConfig config) {
        this.clients = clients;
        this.config = config.kubernetes();
    }

    /** For tests against a mock API server. */
    public KubernetesDriver(KubernetesClient client, ProvisioningConfig.Kubernetes config) {
        this.clients = null;
        this.client = client;
        this.config = config;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public Uni<Void> provision(ServiceSpec spec) {
        return blocking("provision", () -> {
            apply(secret(spec));
            apply(service(spec));
            apply(statefulSet(spec, spec.numReplicas()));
        });
    }

    @Override
    public Uni<Void> start(ServiceSpec spec) {
        return blocking("start", () -> apply(statefulSet(spec, spec.numReplicas())));
    }

    @Override
    public Uni<Void> stop(ServiceSpec spec) {
        return blocking("stop", () -> apply(statefulSet(spec, 0)));
    }

    @Override
    public Uni<Void> scale(ServiceSpec spec) {
        return blocking("scale", () -> {
            StatefulSet current = k8s().apps().statefulSets().inNamespace(config.namespace())
                    .withName(name(spec.id())).get();
            if (current == null) {
                throw new DriverException("statefulset " + name(spec.id()) + " does not exist");
            }
            Integer replicas = current.getSpec().getReplicas();
            apply(statefulSet(spec, replicas != null && replicas == 0 ? 0 : spec.numReplicas()));
        });
    }

    @Override
    public Uni<Void> updatePassword(ServiceSpec spec) {
        return blocking("password update", () -> apply(secret(spec)));
    }

    @Override
    public Uni<Void> terminate(ServiceSpec spec) {
        return blocking("terminate", () -> {
            String ns = config.namespace();
            String name = name(spec.id());
            k8s().apps().statefulSets().inNamespace(ns).withName(name).delete();
            k8s().services().inNamespace(ns).withName(name).delete();
            k8s().secrets().inNamespace(ns).withName(name).delete();
        });
    }

    @Override
    public Uni<BackupOutcome> backup(ServiceSpec spec, UUID backupId) {
        return Uni.createFrom().item(() -> {
            apply(backupJob(spec, backupId));
            return new BackupOutcome((long) spec.maxTotalMemoryGb() * 16L * 1024 * 1024, 0);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof DriverException))
                .transform(e -> new DriverException("kubernetes backup failed: " + e.getMessage(), e));
    }

    // ------------------------------------------------------------------ objects

    public static String name(UUID serviceId) {
        return "svc-" + serviceId;
    }

    private static Map<String, String> labels(ServiceSpec spec) {
        return Map.of("app.kubernetes.io/name", "cumulus-service", "app.kubernetes.io/managed-by", "cumulus",
                LABEL_SERVICE, spec.id().toString(), LABEL_ORG, spec.organizationId());
    }

    Secret secret(ServiceSpec spec) {
        return new SecretBuilder()
                .withNewMetadata().withName(name(spec.id())).withNamespace(config.namespace())
                .withLabels(labels(spec)).endMetadata()
                .withType("Opaque")
                .addToStringData("password-sha256-base64", spec.passwordHash())
                .build();
    }

    Service service(ServiceSpec spec) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name(spec.id())).withNamespace(config.namespace())
                .withLabels(labels(spec)).endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Map.of(LABEL_SERVICE, spec.id().toString()))
                .addNewPort().withName("https").withPort(8443).endPort()
                .addNewPort().withName("nativesecure").withPort(9440).endPort()
                .endSpec()
                .build();
    }

    StatefulSet statefulSet(ServiceSpec spec, int replicas) {
        String name = name(spec.id());
        Map<String, String> labels = labels(spec);
        Map<String, String> annotations = spec.restoreFromBackupId() == null ? Map.of()
                : Map.of("cumulus.com/restore-from-backup", spec.restoreFromBackupId().toString());
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(config.namespace()).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector().withMatchLabels(Map.of(LABEL_SERVICE, spec.id().toString())).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("server")
                .withImage(config.image())
                .addNewPort().withName("https").withContainerPort(8443).endPort()
                .addNewPort().withName("nativesecure").withContainerPort(9440).endPort()
                .addNewEnv().withName("CUMULUS_TIER").withValue(spec.tier()).endEnv()
                .addNewEnv().withName("CUMULUS_PASSWORD_SHA256").withNewValueFrom().withNewSecretKeyRef()
                .withName(name).withKey("password-sha256-base64").endSecretKeyRef().endValueFrom().endEnv()
                .withNewResources()
                .addToRequests("memory", new Quantity(spec.minReplicaMemoryGb() + "Gi"))
                .addToLimits("memory", new Quantity(spec.maxReplicaMemoryGb() + "Gi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Job backupJob(ServiceSpec spec, UUID backupId) {
        Map<String, String> labels = new java.util.HashMap<>(labels(spec));
        labels.put(LABEL_BACKUP, backupId.toString());
        return new JobBuilder()
                .withNewMetadata().withName("backup-" + backupId).withNamespace(config.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(2)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("OnFailure")
                .addNewContainer()
                .withName("backup")
                .withImage(config.backupImage())
                .withArgs("create", "--name", backupId.toString())
                .addNewEnv().withName("CUMULUS_SERVICE_HOST").withValue(name(spec.id())).endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private void apply(HasMetadata resource) {
        k8s().resource(resource).inNamespace(config.namespace()).createOr(existing -> existing.update());
    }

    private KubernetesClient k8s() {
        KubernetesClient current = client;
        if (current == null) {
            current = clients.get();
            client = current;
        }
        return current;
    }

    private Uni<Void> blocking(String operation, Runnable work) {
        Supplier<Void> run = () -> {
            work.run();
            return null;
        };
        return Uni.createFrom().item(run).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof DriverException))
                .transform(e -> new DriverException("kubernetes " + operation + " failed: " + e.getMessage(), e))
                .replaceWithVoid();
    }
}
