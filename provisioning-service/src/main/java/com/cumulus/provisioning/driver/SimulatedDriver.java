package com.cumulus.provisioning.driver;

import com.cumulus.provisioning.config.ProvisioningConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs nothing: each operation takes {@code cumulus.provisioning.simulated.step-delay} (non-blocking) and succeeds,
 * unless failure injection says otherwise (a configured operation, a service named {@code <marker> <operation>}, or
 * {@code <marker> <operation> <n>x} for a failure of the first n calls only).
 */
@ApplicationScoped
public class SimulatedDriver implements ServiceDriver {

    private final ProvisioningConfig.Simulated config;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    public SimulatedDriver(ProvisioningConfig config) {
        this.config = config.simulated();
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public Uni<Void> provision(ServiceSpec spec) {
        return step(spec, "provision");
    }

    @Override
    public Uni<Void> start(ServiceSpec spec) {
        return step(spec, "start");
    }

    @Override
    public Uni<Void> stop(ServiceSpec spec) {
        return step(spec, "stop");
    }

    @Override
    public Uni<Void> scale(ServiceSpec spec) {
        return step(spec, "scale");
    }

    @Override
    public Uni<Void> updatePassword(ServiceSpec spec) {
        return step(spec, "password");
    }

    @Override
    public Uni<Void> terminate(ServiceSpec spec) {
        return step(spec, "terminate");
    }

    @Override
    public Uni<BackupOutcome> backup(ServiceSpec spec, UUID backupId) {
        long size = (long) spec.maxTotalMemoryGb() * 16L * 1024 * 1024 + spec.numReplicas() * 4096L;
        int seconds = (int) Math.max(1, config.stepDelay().toSeconds());
        return step(spec, "backup").replaceWith(new BackupOutcome(size, seconds));
    }

    private Uni<Void> step(ServiceSpec spec, String operation) {
        Uni<Void> result = shouldFail(spec, operation)
                ? Uni.createFrom().failure(new DriverException("simulated " + operation + " failure injected"))
                : Uni.createFrom().voidItem();
        Duration delay = config.stepDelay();
        if (delay.isZero() || delay.isNegative()) {
            return result;
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay).chain(() -> result);
    }

    private boolean shouldFail(ServiceSpec spec, String operation) {
        List<String> always = config.failOperations().orElse(List.of());
        if (always.contains(operation)) {
            return true;
        }
        if (config.failureMarker().isEmpty() || spec.name() == null) {
            return false;
        }
        Matcher m = Pattern.compile(Pattern.quote((config.failureMarker().get() + " " + operation)
                        .toLowerCase(Locale.ROOT)) + "(?: (\\d+)x)?(?![a-z])")
                .matcher(spec.name().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return false;
        }
        if (m.group(1) == null) {
            return true;
        }
        // "<marker> <operation> <n>x": the first n calls of that operation for this service fail, later ones succeed
        int calls = failures.computeIfAbsent(spec.id() + "/" + operation, k -> new AtomicInteger()).incrementAndGet();
        return calls <= Integer.parseInt(m.group(1));
    }
}
