package com.cumulus.provisioning.metrics;

import com.cumulus.provisioning.backup.domain.ServiceBackup;
import com.cumulus.provisioning.service.domain.ManagedService;
import com.cumulus.provisioning.service.domain.ServiceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.ToLongFunction;

/** Prometheus text exposition (format 0.0.4) of services' state and resources. */
@ApplicationScoped
public class PrometheusRenderer {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public Uni<String> render(List<ManagedService> services) {
        if (services.isEmpty()) {
            return Uni.createFrom().item(text(services, Map.of()));
        }
        List<UUID> ids = services.stream().map(s -> s.id).toList();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createSelectionQuery("select b.serviceId, count(b) from ServiceBackup b where b.serviceId in ?1"
                                + " and b.status = ?2 group by b.serviceId", Object[].class)
                        .setParameter(1, ids).setParameter(2, ServiceBackup.DONE)
                        .getResultList()))
                .map(rows -> {
                    Map<UUID, Long> backups = new HashMap<>();
                    for (Object[] row : rows) {
                        backups.put((UUID) row[0], ((Number) row[1]).longValue());
                    }
                    return text(services, backups);
                });
    }

    static String text(List<ManagedService> services, Map<UUID, Long> backups) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP cumulus_service_info Static facts of a managed service.\n");
        out.append("# TYPE cumulus_service_info gauge\n");
        for (ManagedService s : services) {
            out.append("cumulus_service_info{").append(labels(s)).append(",provider=\"").append(esc(s.provider))
                    .append("\",region=\"").append(esc(s.region)).append("\",tier=\"").append(esc(s.tier))
                    .append("\"} 1\n");
        }
        out.append("# HELP cumulus_service_state Current lifecycle state of a managed service (1 = in that state).\n");
        out.append("# TYPE cumulus_service_state gauge\n");
        for (ManagedService s : services) {
            for (String state : new TreeSet<>(ServiceState.ALL)) {
                out.append("cumulus_service_state{").append(labels(s)).append(",state=\"").append(state)
                        .append("\"} ").append(state.equals(s.state) ? 1 : 0).append('\n');
            }
        }
        out.append("# HELP cumulus_service_running Whether a managed service is up (running, idle or degraded).\n");
        out.append("# TYPE cumulus_service_running gauge\n");
        for (ManagedService s : services) {
            out.append("cumulus_service_running{").append(labels(s)).append("} ")
                    .append(ServiceState.UP.contains(s.state) ? 1 : 0).append('\n');
        }
        gauge(out, services, "cumulus_service_min_total_memory_gb", "Minimum total memory of all replicas in GB.",
                s -> s.minTotalMemoryGb);
        gauge(out, services, "cumulus_service_max_total_memory_gb", "Maximum total memory of all replicas in GB.",
                s -> s.maxTotalMemoryGb);
        gauge(out, services, "cumulus_service_min_replica_memory_gb", "Minimum memory per replica in GB.",
                s -> s.minReplicaMemoryGb);
        gauge(out, services, "cumulus_service_max_replica_memory_gb", "Maximum memory per replica in GB.",
                s -> s.maxReplicaMemoryGb);
        gauge(out, services, "cumulus_service_replicas", "Number of replicas.", s -> s.numReplicas);
        gauge(out, services, "cumulus_service_idle_scaling", "Whether the service may scale to zero when idle.",
                s -> s.idleScaling ? 1 : 0);
        gauge(out, services, "cumulus_service_idle_timeout_minutes", "Idle time before scaling to zero, minutes.",
                s -> s.idleTimeoutMinutes);
        gauge(out, services, "cumulus_service_backups", "Completed backups currently kept.",
                s -> backups.getOrDefault(s.id, 0L));
        return out.toString();
    }

    private static void gauge(StringBuilder out, List<ManagedService> services, String name, String help,
                              ToLongFunction<ManagedService> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (ManagedService s : services) {
            out.append(name).append('{').append(labels(s)).append("} ").append(value.applyAsLong(s)).append('\n');
        }
    }

    private static String labels(ManagedService s) {
        return "organization_id=\"" + esc(s.organizationId) + "\",service_id=\"" + s.id + "\",service_name=\""
                + esc(s.name) + "\"";
    }

    private static String esc(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
