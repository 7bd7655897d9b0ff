#!/usr/bin/env bash
# Read-path benchmark of catalog-service: req/s, p99 and catalog CPU time per request for
#   1. GET /public-products            (first page, the default limit, with >= 500 published public products)
#   2. GET /public-products?limit=200  (the largest page)
#   3. GET /apps/{org}/{app}/subscriptions/{id}
#   4. POST .../credentials/{id}/verify-client-secret (SHA-256 + MessageDigest.isEqual)
# catalog-service runs pinned to one core (taskset -c CATALOG_CPU, -XX:ActiveProcessorCount=1); wrk runs on WRK_CPUS.
#
# Self-contained by default (needs only a JDK 17+, wrk and psql): it starts, on private ports so that it never meets
# a running deploy/local stack, an embedded PostgreSQL 17 and a KRaft Kafka (the jars deploy/local/up uses, copied
# from the local Maven repository), a tiny token issuer (deploy/bench/catalog-issuer.java: discovery, JWKS, an admin
# and a member token) and the packaged catalog-service (./mvnw -pl catalog-service -am package -DskipTests).
# Everything it started is stopped on exit.
#
# Against a stack that is already running instead: EXTERNAL=1 ADMIN_TOKEN=... USER_TOKEN=... ORG_ID=...
#   CATALOG_URL=http://localhost:8083 [CATALOG_PID=<pid for CPU figures>] deploy/bench/catalog-read.sh
#
# Environment: DURATION (measured wrk run per scenario, default 20s), WARMUP (unmeasured run before it, default 20s),
#   CONNECTIONS (default 32), CATALOG_CPU (default 0), WRK_CPUS (default 1), PRODUCTS (default 500),
#   JAVA_OPTS (extra options for catalog-service), PROFILE=1 (JFR recording of each measured run, summarised by
#   deploy/bench/catalog-jfr-summary.py), SCENARIOS (default "list page subscription verify": 1, 2, 3, 4 above).
#
# Each scenario prints: wall req/s, p99, non-2xx count, the catalog's own CPU time per request (utime+stime from
# /proc/<pid>/stat over the measured run; much less sensitive to other load on the machine than req/s), the requests
# per catalog CPU-second (what one dedicated core would serve), SQL statements per request (xact_commit of the catalog
# database, autocommit reads) and the load average before and after.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-32}
CATALOG_CPU=${CATALOG_CPU:-0}
WRK_CPUS=${WRK_CPUS:-1}
PRODUCTS=${PRODUCTS:-500}
PG_PORT=${BENCH_PG_PORT:-25432}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
ISSUER_PORT=${BENCH_ISSUER_PORT:-18091}
CATALOG_PORT=${BENCH_CATALOG_PORT:-18083}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
wait_for() { # what command...
  local what=$1; shift
  for _ in $(seq 1 240); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$what did not come up; logs in $WORK" >&2; tail -30 "$WORK"/*.log >&2; exit 1
}

if [[ "${EXTERNAL:-0}" == "1" ]]; then
  : "${ADMIN_TOKEN:?platform-admin bearer token}" "${USER_TOKEN:?org member bearer token}" "${ORG_ID:?organization id}"
  URL=${CATALOG_URL:-http://localhost:8083}
  PID=${CATALOG_PID:-}
  PSQL=()
else
  JAR="${CATALOG_JAR:-$ROOT/catalog-service/target/quarkus-app/quarkus-run.jar}"
  [[ -f "$JAR" ]] || { echo "build first: ./mvnw -pl catalog-service -am package -DskipTests" >&2; exit 1; }
  LIB="${CUMULUS_LOCAL_DIR:-$ROOT/.local}/lib"
  for part in postgres kafka; do
    if [[ ! -f "$LIB/$part/.complete" ]]; then
      log "copying the $part jars into $LIB/$part"
      "$ROOT/mvnw" -q -B -o -f "$ROOT/deploy/local/infra/pom.xml" -P"$part" dependency:copy-dependencies \
        -DoutputDirectory="$LIB/$part" || "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/infra/pom.xml" -P"$part" \
        dependency:copy-dependencies -DoutputDirectory="$LIB/$part"
      touch "$LIB/$part/.complete"
    fi
  done
  log "PostgreSQL on $PG_PORT, Kafka on $KAFKA_PORT, issuer on $ISSUER_PORT (work dir $WORK)"
  java -Xmx128m -cp "$LIB/postgres/*" "$ROOT/deploy/local/infra/LocalPostgres.java" "$WORK/pg" "$PG_PORT" catalog \
    >"$WORK/postgres.log" 2>&1 &
  PIDS+=($!)
  cat >"$WORK/kafka.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka-data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  java -cp "$LIB/kafka/*" kafka.tools.StorageTool format -t "$(java -cp "$LIB/kafka/*" kafka.tools.StorageTool \
    random-uuid 2>/dev/null | tail -1)" -c "$WORK/kafka.properties" >"$WORK/kafka-format.log" 2>&1
  java -Xms128m -Xmx384m -cp "$LIB/kafka/*" kafka.Kafka "$WORK/kafka.properties" >"$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  ORG_ID=bench-org-1
  java "$ROOT/deploy/bench/catalog-issuer.java" "$ISSUER_PORT" "$WORK/tokens" "$ORG_ID" >"$WORK/issuer.log" 2>&1 &
  PIDS+=($!)
  wait_for PostgreSQL grep -q "LocalPostgres ready" "$WORK/postgres.log"
  wait_for Kafka bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"
  wait_for issuer test -s "$WORK/tokens/user.jwt"
  ADMIN_TOKEN=$(cat "$WORK/tokens/admin.jwt")
  USER_TOKEN=$(cat "$WORK/tokens/user.jwt")
  URL=http://127.0.0.1:$CATALOG_PORT
  log "catalog-service on $CATALOG_PORT, pinned: taskset -c $CATALOG_CPU java -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-}"
  # shellcheck disable=SC2086
  taskset -c "$CATALOG_CPU" java -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-} \
    -Dquarkus.http.port="$CATALOG_PORT" \
    -Dquarkus.datasource.reactive.url="postgresql://localhost:$PG_PORT/catalog" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://localhost:$PG_PORT/catalog" \
    -Dkafka.bootstrap.servers="localhost:$KAFKA_PORT" \
    -Dquarkus.oidc.auth-server-url="http://127.0.0.1:$ISSUER_PORT" \
    -jar "$JAR" >"$WORK/catalog.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_for catalog-service curl -fs "$URL/q/health/ready"
  PSQL=(env PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d catalog -Atqc)
fi
curl -fs "$URL/q/health/ready" >/dev/null || { echo "catalog-service is not ready at $URL" >&2; exit 1; }

auth() { printf 'Authorization: Bearer %s' "$1"; }

log "seeding $PRODUCTS public products (existing ones are kept; 4 in parallel)"
seed_one() { # index
  local name="bench-product-$1" code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/internal/catalog/products" -H "$(auth "$ADMIN_TOKEN")" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"version\":\"1.0.0\",\"title\":\"Bench product $1\",\"summary\":\"benchmark\",\"visibility\":{\"type\":\"public\"},\"plans\":[{\"name\":\"default\",\"rate_limit\":{\"requests\":100,\"period_seconds\":60},\"approval\":false}],\"apis\":[{\"name\":\"weather\",\"version\":\"1.0.0\"}]}")
  if [[ "$code" == "201" ]]; then
    for state in staged published; do
      curl -fs -o /dev/null -X PATCH "$URL/internal/catalog/products/$name/1.0.0/state" -H "$(auth "$ADMIN_TOKEN")" \
        -H 'Content-Type: application/json' -d "{\"state\":\"$state\"}"
    done
  fi
}
export -f seed_one auth
export URL ADMIN_TOKEN
seq -w 1 "$PRODUCTS" | xargs -P 4 -I{} bash -c 'seed_one {}'
count=$(curl -fs "$URL/public-products?fields=name" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_results"])')
log "public products: $count"

log "app, credential and subscription"
APP_JSON=$(curl -fs -X POST "$URL/apps/$ORG_ID" -H "$(auth "$USER_TOKEN")" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-app-$(date +%s)\"}")
APP_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$APP_JSON")
SECRET=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$APP_JSON")
CRED_ID=$(curl -fs "$URL/apps/$ORG_ID/$APP_ID/credentials" -H "$(auth "$USER_TOKEN")" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
SUB_ID=$(curl -fs -X POST "$URL/apps/$ORG_ID/$APP_ID/subscriptions" -H "$(auth "$USER_TOKEN")" \
  -H 'Content-Type: application/json' -d '{"product_url":"/products/weather-product/1.0.0","plan":"default"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs -o /dev/null -X POST "$URL/apps/$ORG_ID/$APP_ID/credentials/$CRED_ID/verify-client-secret" \
  -H "$(auth "$USER_TOKEN")" -H 'Content-Type: application/json' -d "{\"client_secret\":\"$SECRET\"}"

cat >"$WORK/verify.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"client_secret":"$SECRET"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $USER_TOKEN"
LUA
cat >"$WORK/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $USER_TOKEN"
LUA

cpu_ticks() { [[ -n "${PID:-}" ]] && awk '{print $14 + $15}' "/proc/$PID/stat" || echo 0; }
# the same without the JIT compiler threads, which on a crowded machine are still compiling long after the warm-up
jit_ticks() {
  [[ -n "${PID:-}" ]] || { echo 0; return; }
  local total=0 task
  for task in /proc/"$PID"/task/*; do
    if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then
      total=$(( total + $(sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}') ))
    fi
  done
  echo "$total"
}
commits() { [[ ${#PSQL[@]} -gt 0 ]] && "${PSQL[@]}" "select xact_commit from pg_stat_database where datname = 'catalog'" || echo 0; }
TICK=$(getconf CLK_TCK)
run() {
  local label=$1; shift
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "$@" >/dev/null
  local load_before ticks_before jit_before commits_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  ticks_before=$(cpu_ticks)
  jit_before=$(jit_ticks)
  commits_before=$(commits)
  [[ "${PROFILE:-0}" == "1" && -n "${PID:-}" ]] && jcmd "$PID" JFR.start name=bench settings=profile >/dev/null
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$WORK/out.txt"
  local ticks=$(( $(cpu_ticks) - ticks_before )) jit=$(( $(jit_ticks) - jit_before ))
  local sql=$(( $(commits) - commits_before ))
  if [[ "${PROFILE:-0}" == "1" && -n "${PID:-}" ]]; then
    local jfr_file="$ROOT/catalog-service/target/bench-${label//[^A-Za-z0-9]/_}.jfr"
    jcmd "$PID" JFR.stop name=bench filename="$jfr_file" >/dev/null
    echo "  where the catalog's CPU went (share of JFR execution samples, inclusive; recording: $jfr_file):"
    jfr print --events jdk.ExecutionSample --stack-depth 200 "$jfr_file" \
      | python3 "$ROOT/deploy/bench/catalog-jfr-summary.py" - | sed 's/^/  /'
  fi
  python3 - "$label" "$WORK/out.txt" "$ticks" "$jit" "$TICK" "$sql" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import re, sys
label, out, ticks, jit, tick, sql, load_before, load_after = sys.argv[1:]
text = open(out).read()
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
total = int(re.search(r'(\d+) requests in', text).group(1))
p99 = re.search(r'99%\s+(\S+)', text).group(1)
non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
cpu_s = int(ticks) / int(tick)
per_req = f"{cpu_s * 1000 / total:.3f} ms" if cpu_s else "n/a"
per_cpu_s = f"{total / cpu_s:,.0f}" if cpu_s else "n/a"
serving_s = (int(ticks) - int(jit)) / int(tick)
serving = (f"{serving_s * 1000 / total:.3f} ms/request = {total / serving_s:,.0f} requests per CPU-second"
           if serving_s > 0 else "n/a")
print(f"{label}\n  {rps:,.0f} req/s  p99 {p99}  non-2xx {non2xx.group(1) if non2xx else 0}  requests {total}"
      f"\n  catalog CPU {cpu_s:.2f} s = {per_req}/request = {per_cpu_s} requests per CPU-second;"
      f" without JIT compiler threads ({int(jit) / int(tick):.2f} s): {serving}\n "
      f"  SQL statements/request {int(sql) / total:.2f}  load {load_before} -> {load_after}")
PY
}
log "wrk: $CONNECTIONS connections, warm-up $WARMUP then $DURATION measured per scenario; catalog on CPU $CATALOG_CPU, wrk on $WRK_CPUS"
want() { [[ " ${SCENARIOS:-list page subscription verify} " == *" $1 "* ]]; }
body=$(curl -fs "$URL/public-products" | wc -c)
want list && run "GET /public-products (first page, $body bytes; $count products)" "$URL/public-products"
body=$(curl -fs "$URL/public-products?limit=200" | wc -c)
want page && run "GET /public-products?limit=200 (largest page, $body bytes)" "$URL/public-products?limit=200"
want subscription && run "GET /apps/{org}/{app}/subscriptions/{id}" -s "$WORK/get.lua" "$URL/apps/$ORG_ID/$APP_ID/subscriptions/$SUB_ID"
want verify && run "POST .../credentials/{id}/verify-client-secret" -s "$WORK/verify.lua" \
  "$URL/apps/$ORG_ID/$APP_ID/credentials/$CRED_ID/verify-client-secret"
if [[ -f "$WORK/issuer.log" ]]; then
  log "issuer fetches during the whole run (discovery + JWKS; keys are cached by catalog-service):"
  grep -c '^served' "$WORK/issuer.log" || true
fi
