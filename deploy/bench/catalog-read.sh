#!/usr/bin/env bash
# Read-path benchmark of catalog-service: req/s and p99 for
#   1. GET /public-products            (with >= 500 published public products)
#   2. GET /apps/{org}/{app}/subscriptions/{id}
#   3. POST .../credentials/{id}/verify-client-secret (constant-time SHA-256 compare)
# catalog-service runs pinned to one core (taskset); the load generator (wrk) runs on the other core(s).
#
# Needs: a built catalog-service (./mvnw -pl catalog-service -am package -DskipTests), PostgreSQL and Kafka as in
# deploy/local (localhost:15432 database "catalog", localhost:19092), identity-service issuing tokens, and wrk.
# Environment:
#   ADMIN_TOKEN   bearer JWT with platform_roles ["platform-admin"]      (required)
#   USER_TOKEN    bearer JWT of an admin/developer of organization ORG_ID (required)
#   ORG_ID        the organization id in USER_TOKEN's orgs claim         (required)
#   CATALOG_URL   default http://localhost:8083
#   START=1       start catalog-service here, pinned with taskset to CATALOG_CPU (default 0)
#   DURATION      wrk duration per scenario (default 30s); CONNECTIONS (default 32); WRK_CPUS (default 1)
set -euo pipefail
: "${ADMIN_TOKEN:?platform-admin bearer token}" "${USER_TOKEN:?org member bearer token}" "${ORG_ID:?organization id}"
URL=${CATALOG_URL:-http://localhost:8083}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
CATALOG_CPU=${CATALOG_CPU:-0}
WRK_CPUS=${WRK_CPUS:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null || true' EXIT

if [[ "${START:-0}" == "1" ]]; then
  taskset -c "$CATALOG_CPU" java -XX:ActiveProcessorCount=1 -jar "$ROOT/catalog-service/target/quarkus-app/quarkus-run.jar" \
    >"$WORK/catalog.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 60); do curl -fs "$URL/q/health/ready" >/dev/null && break; sleep 1; done
fi
curl -fs "$URL/q/health/ready" >/dev/null || { echo "catalog-service is not ready at $URL" >&2; exit 1; }

auth() { printf 'Authorization: Bearer %s' "$1"; }

echo "== seeding 500 public products (existing ones are kept)"
for i in $(seq -w 1 500); do
  name="bench-product-$i"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/internal/catalog/products" -H "$(auth "$ADMIN_TOKEN")" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"version\":\"1.0.0\",\"title\":\"Bench product $i\",\"summary\":\"benchmark\",\"visibility\":{\"type\":\"public\"},\"plans\":[{\"name\":\"default\",\"rate_limit\":{\"requests\":100,\"period_seconds\":60},\"approval\":false}],\"apis\":[{\"name\":\"weather\",\"version\":\"1.0.0\"}]}")
  if [[ "$code" == "201" ]]; then
    for state in staged published; do
      curl -fs -o /dev/null -X PATCH "$URL/internal/catalog/products/$name/1.0.0/state" -H "$(auth "$ADMIN_TOKEN")" \
        -H 'Content-Type: application/json' -d "{\"state\":\"$state\"}"
    done
  fi
done
count=$(curl -fs "$URL/public-products?fields=name" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_results"])')
echo "public products: $count"

echo "== app, credential and subscription"
APP_JSON=$(curl -fs -X POST "$URL/apps/$ORG_ID" -H "$(auth "$USER_TOKEN")" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-app-$(date +%s)\"}")
APP_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$APP_JSON")
SECRET=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$APP_JSON")
CRED_ID=$(curl -fs "$URL/apps/$ORG_ID/$APP_ID/credentials" -H "$(auth "$USER_TOKEN")" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
SUB_ID=$(curl -fs -X POST "$URL/apps/$ORG_ID/$APP_ID/subscriptions" -H "$(auth "$USER_TOKEN")" \
  -H 'Content-Type: application/json' -d '{"product_url":"/products/weather-product/1.0.0","plan":"default"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

cat >"$WORK/verify.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"client_secret":"$SECRET"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $USER_TOKEN"
LUA
cat >"$WORK/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $USER_TOKEN"
LUA

run() {
  local label=$1; shift
  echo "== $label"
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/out.txt" \
    | grep -E 'Requests/sec|99%|Non-2xx' || true
}
run "GET /public-products ($count products)" "$URL/public-products"
run "GET /apps/{org}/{app}/subscriptions/{id}" -s "$WORK/get.lua" "$URL/apps/$ORG_ID/$APP_ID/subscriptions/$SUB_ID"
run "POST verify-client-secret" -s "$WORK/verify.lua" "$URL/apps/$ORG_ID/$APP_ID/credentials/$CRED_ID/verify-client-secret"
