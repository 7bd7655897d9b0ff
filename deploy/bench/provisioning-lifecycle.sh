#!/usr/bin/env bash
# provisioning-lifecycle benchmark: N services (default 1000) created and started concurrently through the REST API,
# simulated driver with zero step time, real PostgreSQL + Kafka (in-process, as in the tests). A real Kafka consumer
# counts every transition event (lost / duplicated) and measures POST-to-first-event latency (p50/p99).
# Usage: deploy/bench/provisioning-lifecycle.sh [services] [client-concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVICES="${1:-1000}"
CONCURRENCY="${2:-64}"
./mvnw -q -pl provisioning-service -am verify \
  -Dtest=ProvisioningLifecycleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgroups=benchmark -Dprovisioning.bench.excluded=none \
  -Dcumulus.provisioning.simulated.step-delay=0 \
  -Dbench.services="$SERVICES" -Dbench.concurrency="$CONCURRENCY" \
  -Dquarkus.log.level=WARN
echo
cat provisioning-service/target/bench/provisioning-lifecycle.txt
