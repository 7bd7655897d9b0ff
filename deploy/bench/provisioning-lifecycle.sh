#!/usr/bin/env bash
# provisioning-lifecycle benchmark: N services (default 1000) created and started concurrently through the REST API,
# simulated driver with zero step time, real PostgreSQL + Kafka (in-process, as in the tests). A real Kafka consumer
# counts every transition event (lost / duplicated) and measures POST-to-first-event latency (p50/p99); the report
# gives CPU ms per service (test JVM by thread group, embedded PostgreSQL).
# Phases: (1) N services at C concurrent clients on the cold JVM, (2) phase 1 again on the warm JVM (WARM=false skips
# it), (3) M services from 1 client, one POST at a time (unsaturated latency, on the warm JVM).
# Usage: deploy/bench/provisioning-lifecycle.sh [services] [client-concurrency] [sequential-services]
# PROFILE=/tmp/prefix samples CPU with async-profiler in each phase (PROFILER_LIB, default
# /tmp/ap/linux-x64/libasyncProfiler.so) into /tmp/prefix-<phase>.collapsed.
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVICES="${1:-1000}"
CONCURRENCY="${2:-64}"
SEQUENTIAL="${3:-200}"
EXTRA=()
if [[ -n "${PROFILE:-}" ]]; then
  EXTRA+=("-Dbench.profile=$PROFILE" "-Dbench.profiler-lib=${PROFILER_LIB:-/tmp/ap/linux-x64/libasyncProfiler.so}")
fi
./mvnw -q -pl provisioning-service -am verify \
  -Dtest=ProvisioningLifecycleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgroups=benchmark -Dprovisioning.bench.excluded=none \
  -Dcumulus.provisioning.simulated.step-delay=0 \
  -Dbench.services="$SERVICES" -Dbench.concurrency="$CONCURRENCY" -Dbench.sequential="$SEQUENTIAL" \
  -Dbench.warm="${WARM:-true}" \
  -Dquarkus.log.level=WARN "${EXTRA[@]}"
echo
cat provisioning-service/target/bench/provisioning-lifecycle.txt
