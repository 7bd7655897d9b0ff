#!/usr/bin/env bash
# Read benchmark of tenancy-service (issue 4 figures):
#   GET /api/v1/organizations/{id}/projects (1,000 projects in the organization, paged) and
#   GET /v1/organizations/{id}/members, authenticated, tenancy pinned to one core with taskset.
# Needs: a packaged tenancy-service (./mvnw -pl tenancy-service -am package -DskipTests), PostgreSQL and Kafka as in
# deploy/local (localhost:15432 database "tenancy", localhost:19092), identity-service on :8081 for the JWKS (or
# TOKEN=<a valid access token> whose subject is then made admin of a fresh organization), and wrk or hey.
# Usage: TOKEN=<jwt> deploy/bench/tenancy-read.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
CONNECTIONS="${2:-64}"
CORE="${TENANCY_CORE:-0}"
BASE="${TENANCY_URL:-http://localhost:8082}"
: "${TOKEN:?set TOKEN to an access token issued by identity-service (a user)}"
JAR=tenancy-service/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "package tenancy-service first" >&2; exit 1; }

if ! curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1; then
  taskset -c "$CORE" java -XX:ActiveProcessorCount=1 -jar "$JAR" > target-tenancy-bench.log 2>&1 &
  TENANCY_PID=$!
  trap 'kill $TENANCY_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
fi

AUTH="Authorization: Bearer $TOKEN"
ORG=$(curl -fsS -X POST "$BASE/api/v1/organizations" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"metadata\":{\"name\":\"bench-$(date +%s)\"},\"spec\":{\"organizationType\":\"adhoc\"}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["id"])')
curl -fsS -X PUT "$BASE/api/v1/organizations/$ORG/quotas" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"quotas":[{"kind":"projects","quantity":2000}]}' >/dev/null
echo "organization $ORG: creating 1,000 projects"
seq 1 1000 | xargs -P 8 -I{} curl -fsS -o /dev/null -X POST "$BASE/api/v1/organizations/$ORG/projects" \
  -H "$AUTH" -H 'Content-Type: application/json' -d '{"metadata":{"name":"bench-p-{}"}}'

run() {
  local url="$1"
  echo "== GET $url (${DURATION}s, $CONNECTIONS connections, tenancy on core $CORE)"
  if command -v wrk >/dev/null; then
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$AUTH" "$url" | grep -E "Requests/sec|99%|Latency"
  else
    hey -z "${DURATION}s" -c "$CONNECTIONS" -H "$AUTH" "$url" | grep -E "Requests/sec|99% in"
  fi
}
run "$BASE/api/v1/organizations/$ORG/projects?page=3&limit=50"
run "$BASE/v1/organizations/$ORG/members"
