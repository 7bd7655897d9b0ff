package com.cumulus.common.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders deploy/kubernetes/base the way kustomize does (resources, namespace, labels) and validates every object
 * offline against the Kubernetes API model (fabric8's classes, generated from the Kubernetes OpenAPI schemas):
 * unknown or mistyped fields fail, and the objects must fit together (selectors, config references, probes,
 * resource limits, autoscalers, disruption budgets, network policies).
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("..", "deploy", "kubernetes", "base");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
    private static final List<String> SERVICES = List.of("gateway", "identity-service", "tenancy-service",
            "catalog-service", "provisioning-service");
    private static List<HasMetadata> objects;

    @BeforeAll
    static void render() throws IOException {
        JsonNode kustomization = YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
        String namespace = kustomization.path("namespace").asText();
        objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            for (JsonNode document : YAML.readerFor(JsonNode.class)
                    .readValues(BASE.resolve(resource.asText()).toFile()).readAll().stream()
                    .map(JsonNode.class::cast).filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList()) {
                ObjectNode metadata = (ObjectNode) document.path("metadata");
                if (!CLUSTER_SCOPED.contains(document.path("kind").asText())) {
                    metadata.put("namespace", namespace);
                }
                objects.add(Serialization.unmarshal(document.toString(), HasMetadata.class));
            }
        }
    }

    @Test
    void everyObjectMatchesTheKubernetesSchema() {
        assertThat(objects).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource && !object.getApiVersion().startsWith("monitoring.coreos.com")) {
                problems.add(where + ": unknown apiVersion/kind " + object.getApiVersion());
            }
            unknownFields(object, where, problems, new IdentityHashMap<>());
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceHasDeploymentServiceProbesLimitsAutoscalerAndBudget() {
        for (String name : SERVICES) {
            Deployment deployment = find(Deployment.class, name);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).as(name + " image").contains("cumulus/" + name);
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(find(Service.class, name).getSpec().getSelector()).isEqualTo(selector);
            assertThat(find(HorizontalPodAutoscaler.class, name).getSpec().getScaleTargetRef().getName())
                    .isEqualTo(name);
            assertThat(find(PodDisruptionBudget.class, name).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", name));
        }
    }

    @Test
    void everyConfigReferenceResolvesAndPostgresAndKafkaAreIncluded() {
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        List<PodTemplateSpec> templates = new ArrayList<>();
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> templates.add(d.getSpec().getTemplate()));
        objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .forEach(s -> templates.add(s.getSpec().getTemplate()));
        for (PodTemplateSpec template : templates) {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of()
                        : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        assertThat(configMaps).contains(source.getConfigMapRef().getName());
                    }
                    if (source.getSecretRef() != null) {
                        assertThat(secrets).contains(source.getSecretRef().getName());
                    }
                }
            }
        }
        assertThat(find(StatefulSet.class, "postgres")).isNotNull();
        assertThat(find(StatefulSet.class, "kafka")).isNotNull();
    }

    @Test
    void onlyTheGatewayTakesTrafficFromOutside() {
        List<HasMetadata> policies = objects.stream().filter(o -> o.getKind().equals("NetworkPolicy")).toList();
        assertThat(policies).extracting(p -> p.getMetadata().getName()).contains("default-deny-ingress");
        for (HasMetadata policy : policies) {
            var spec = ((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) policy).getSpec();
            boolean openToAll = spec.getIngress() != null && spec.getIngress().stream()
                    .anyMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty());
            if (openToAll) {
                assertThat(spec.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
            }
        }
    }

    private static Set<String> names(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> o.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private static <T extends HasMetadata> T find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("missing " + type.getSimpleName() + " " + name));
    }

    /** Fields the model does not know land in additionalProperties: each is a schema violation. */
    private static void unknownFields(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            items.forEach(item -> unknownFields(item, path, problems, seen));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> unknownFields(value, path, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || node instanceof GenericKubernetesResource) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet() + " in "
                                + node.getClass().getSimpleName());
                    }
                } else {
                    unknownFields(value, path, problems, seen);
                }
            } catch (ReflectiveOperationException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
    }
}
