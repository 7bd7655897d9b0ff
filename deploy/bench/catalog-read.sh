#!/usr/bin/env bash
# Read-path benchmark of catalog-service: req/s, p99 and catalog CPU time per request for
#   1. GET /public-products            (first page, the default limit, with >= 500 published public products)
#   2. GET /public-products?limit=200  (the largest page)
#   3. GET /apps/{org}/{app}/subscriptions/{id}
#   4. POST .../credentials/{id}/verify-client-secret (SHA-256 + MessageDigest.isEqual)
# catalog-service runs pinned to one core (taskset -c CATALOG_CPU, -XX:ActiveProcessorCount=1) with the deployment's
# JVM options (CATALOG_JVM_OPTS, default the JAVA_OPTS_APPEND of deploy/kubernetes); the load generators, PostgreSQL,
# Kafka and the issuer run on WRK_CPUS, so that nothing else is scheduled on the catalog's core by this script.
#
# Self-contained by default (needs only a JDK 17+, wrk and psql): it starts, on private ports so that it never meets
# a running deploy/local stack, an embedded PostgreSQL 17 and a KRaft Kafka (the jars deploy/local/up uses, copied
# from the local Maven repository), a tiny token issuer (deploy/bench/catalog-issuer.java: discovery, JWKS, an admin
# and a member token) and the packaged catalog-service (./mvnw -pl catalog-service -am package -DskipTests).
# Everything it started is stopped on exit; the catalog's GC log is kept in catalog-service/target/bench-gc.log.
#
# Against a stack that is already running instead: EXTERNAL=1 ADMIN_TOKEN=... USER_TOKEN=... ORG_ID=...
#   CATALOG_URL=http://localhost:8083 [CATALOG_PID=<pid for CPU figures>] deploy/bench/catalog-read.sh
#
# Environment: DURATION (measured run per scenario and load model, default 20s), WARMUP (unmeasured wrk run before
#   it, default 20s), CONNECTIONS (default 32), RATE (offered requests/s of the open-loop run, default 3000; 0 skips
#   it), OPEN_WARMUP (seconds at RATE before its measured part, default 5), CATALOG_CPU (default 0), WRK_CPUS
#   (default 1), PRODUCTS (default 500), CATALOG_JVM_OPTS (default -Xms64m -Xmx256m -XX:+UseSerialGC
#   -Dquarkus.vertx.event-loops-pool-size=1), JAVA_OPTS (more options for catalog-service), PROFILE=1 (JFR recording of
#   each measured run, summarised by deploy/bench/catalog-jfr-summary.py), SCENARIOS (default
#   "list page subscription verify": 1, 2, 3, 4 above).
#
# Each scenario is measured twice: closed loop (wrk, CONNECTIONS connections each waiting for its response: the
# saturation throughput and its latency) and open loop (deploy/bench/OpenLoopLoad.java sending RATE requests/s on a
# fixed schedule whatever the server does, latency counted from the intended send time, so stalls are not hidden by
# coordinated omission). Each run prints: req/s, latency percentiles, non-2xx count, the catalog's own CPU time per
# request (utime+stime from /proc/<pid>/stat over the measured run; much less sensitive to other load on the machine
# than req/s), the requests per catalog CPU-second (what one dedicated core would serve), SQL statements per request
# (xact_commit of the catalog database, autocommit reads), the load average before and after, the catalog's CPU by
# thread (event loops, workers, GC, JIT compiler: how many ran and for how long) and its young GC pauses during the
# run (count, median, max, allocation per request).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
RATE=${RATE:-3000}
OPEN_WARMUP=${OPEN_WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
CATALOG_CPU=${CATALOG_CPU:-0}
WRK_CPUS=${WRK_CPUS:-1}
PRODUCTS=${PRODUCTS:-500}
# the JVM options the deployment gives catalog-service (deploy/kubernetes: JAVA_OPTS_APPEND; docs/operations.md)
CATALOG_JVM_OPTS=${CATALOG_JVM_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -Dquarkus.vertx.event-loops-pool-size=1}
PG_PORT=${BENCH_PG_PORT:-25432}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
ISSUER_PORT=${BENCH_ISSUER_PORT:-18091}
CATALOG_PORT=${BENCH_CATALOG_PORT:-18083}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -f "$WORK/gc.log" && -d "$ROOT/catalog-service/target" ]]; then cp "$WORK/gc.log" "$ROOT/catalog-service/target/bench-gc.log"; fi
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
  taskset -c "$WRK_CPUS" java -Xmx128m -cp "$LIB/postgres/*" "$ROOT/deploy/local/infra/LocalPostgres.java" "$WORK/pg" "$PG_PORT" catalog \
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
  taskset -c "$WRK_CPUS" java -Xms128m -Xmx384m -cp "$LIB/kafka/*" kafka.Kafka "$WORK/kafka.properties" >"$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  ORG_ID=bench-org-1
  taskset -c "$WRK_CPUS" java "$ROOT/deploy/bench/catalog-issuer.java" "$ISSUER_PORT" "$WORK/tokens" "$ORG_ID" >"$WORK/issuer.log" 2>&1 &
  PIDS+=($!)
  wait_for PostgreSQL grep -q "LocalPostgres ready" "$WORK/postgres.log"
  wait_for Kafka bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"
  wait_for issuer test -s "$WORK/tokens/user.jwt"
  ADMIN_TOKEN=$(cat "$WORK/tokens/admin.jwt")
  USER_TOKEN=$(cat "$WORK/tokens/user.jwt")
  URL=http://127.0.0.1:$CATALOG_PORT
  log "catalog-service on $CATALOG_PORT, pinned: taskset -c $CATALOG_CPU java -XX:ActiveProcessorCount=1 $CATALOG_JVM_OPTS ${JAVA_OPTS:-}"
  # shellcheck disable=SC2086
  taskset -c "$CATALOG_CPU" java -XX:ActiveProcessorCount=1 $CATALOG_JVM_OPTS ${JAVA_OPTS:-} \
    -Xlog:gc:file="$WORK/gc.log":uptime \
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
# CPU ticks of every catalog thread, "name|ticks" (Linux keeps the first 15 characters of a thread's name)
thread_ticks() {
  [[ -n "${PID:-}" ]] || return 0
  local task
  for task in /proc/"$PID"/task/*; do
    printf '%s|%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done
}
gc_lines() { [[ -f "$WORK/gc.log" ]] && wc -l <"$WORK/gc.log" || echo 0; }
commits() { [[ ${#PSQL[@]} -gt 0 ]] && "${PSQL[@]}" "select xact_commit from pg_stat_database where datname = 'catalog'" || echo 0; }
TICK=$(getconf CLK_TCK)
javac -d "$WORK/load" "$ROOT/deploy/bench/OpenLoopLoad.java"
# measure LABEL KIND COMMAND...: runs the load COMMAND (KIND wrk or open) with the catalog's counters around it
measure() {
  local label=$1 kind=$2; shift 2
  local load_before ticks_before jit_before commits_before gc_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  ticks_before=$(cpu_ticks)
  jit_before=$(jit_ticks)
  commits_before=$(commits)
  gc_before=$(gc_lines)
  thread_ticks >"$WORK/threads-before.txt"
  [[ "${PROFILE:-0}" == "1" && -n "${PID:-}" ]] && jcmd "$PID" JFR.start name=bench settings=profile >/dev/null
  "$@" >"$WORK/out.txt"
  local ticks=$(( $(cpu_ticks) - ticks_before )) jit=$(( $(jit_ticks) - jit_before ))
  local sql=$(( $(commits) - commits_before ))
  thread_ticks >"$WORK/threads-after.txt"
  if [[ -f "$WORK/gc.log" ]]; then tail -n +"$((gc_before + 1))" "$WORK/gc.log" >"$WORK/gc-run.txt"; else : >"$WORK/gc-run.txt"; fi
  if [[ "${PROFILE:-0}" == "1" && -n "${PID:-}" ]]; then
    local jfr_file="$ROOT/catalog-service/target/bench-${label//[^A-Za-z0-9]/_}.jfr"
    jcmd "$PID" JFR.stop name=bench filename="$jfr_file" >/dev/null
    echo "  where the catalog's CPU went (share of JFR execution samples, inclusive; recording: $jfr_file):"
    jfr print --events jdk.ExecutionSample --stack-depth 200 "$jfr_file" \
      | python3 "$ROOT/deploy/bench/catalog-jfr-summary.py" - | sed 's/^/  /'
  fi
  python3 - "$label" "$kind" "$WORK/out.txt" "$ticks" "$jit" "$TICK" "$sql" "$load_before" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$WORK/threads-before.txt" "$WORK/threads-after.txt" "$WORK/gc-run.txt" <<'PY'
import collections, re, sys
(label, kind, out, ticks, jit, tick, sql, load_before, load_after, threads_before, threads_after,
 gc_run) = sys.argv[1:]
text = open(out).read()
if kind == "wrk":
    total = int(re.search(r'(\d+) requests in', text).group(1))
    rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
    non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
    latency = "  ".join("p" + p + " " + re.search(p + r"%\s+(\S+)", text).group(1) for p in ("50", "90", "99"))
    print(f"{label}\n  {rps:,.0f} req/s  {latency}  non-2xx {non2xx.group(1) if non2xx else 0}  requests {total}")
else:
    total = int(re.search(r'requests (\d+) answered', text).group(1))
    print(label + "\n" + "\n".join(text.splitlines()[1:]))
cpu_s = int(ticks) / int(tick)
per_req = f"{cpu_s * 1000 / total:.3f} ms" if cpu_s else "n/a"
per_cpu_s = f"{total / cpu_s:,.0f}" if cpu_s else "n/a"
serving_s = (int(ticks) - int(jit)) / int(tick)
serving = (f"{serving_s * 1000 / total:.3f} ms/request = {total / serving_s:,.0f} requests per CPU-second"
           if serving_s > 0 else "n/a")
print(f"  catalog CPU {cpu_s:.2f} s = {per_req}/request = {per_cpu_s} requests per CPU-second;"
      f" without JIT compiler threads ({int(jit) / int(tick):.2f} s): {serving}\n"
      f"  SQL statements/request {int(sql) / total:.2f}  load {load_before} -> {load_after}")
def threads(path):
    found = {}
    for number, line in enumerate(open(path)):
        name, _, value = line.rstrip("\n").rpartition("|")
        found[(name, number)] = int(value or 0)
    return found
before, after = threads(threads_before), threads(threads_after)
spent, count = collections.Counter(), collections.Counter()
for (name, _), value in after.items():
    group = re.sub(r"[-#]?\d+$", "", name).strip() or "?"
    used = value - before.get((name, _), 0)
    if used > 0:
        spent[group] += used
        count[group] += 1
print("  catalog CPU by thread (threads that ran): "
      + ", ".join(f"{g} x{count[g]} {t / int(tick):.2f} s" for g, t in spent.most_common()))
gcs = re.findall(r"Pause Young.*?(\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms$", open(gc_run).read(), re.M)
full = re.findall(r"Pause Full.*?([\d.]+)ms$", open(gc_run).read(), re.M)
if gcs:
    pauses = sorted(float(p) for _, _, p in gcs)
    allocated = sum(int(b) for b, _, _ in gcs[1:]) - sum(int(a) for _, a, _ in gcs[:-1])
    per_request = allocated * 1024 / (len(gcs) - 1) * len(gcs) / total if len(gcs) > 1 else 0
    print(f"  young GC pauses: {len(gcs)}, total {sum(pauses):.0f} ms, median {pauses[len(pauses) // 2]:.1f} ms,"
          f" max {pauses[-1]:.1f} ms; about {per_request:.0f} KB allocated per request; full GCs {len(full)}")
else:
    print(f"  young GC pauses: none; full GCs {len(full)}")
PY
}
# run LABEL URL [wrk options] [-- open-loop options]: warm-up, closed-loop run with wrk at CONNECTIONS connections,
# then (RATE > 0) an open-loop run at RATE requests/s whose latencies count from the intended send time
run() {
  local label=$1 url=$2; shift 2
  local wrk_args=() open_args=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do wrk_args+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift && open_args=("$@")
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "${wrk_args[@]}" "$url" >/dev/null
  measure "$label: closed loop, wrk -t1 -c$CONNECTIONS -d$DURATION" wrk \
    taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "${wrk_args[@]}" "$url"
  if [[ "$RATE" != "0" ]]; then
    measure "$label: open loop, $RATE requests/s offered" open \
      taskset -c "$WRK_CPUS" java -XX:+UseSerialGC -Xms128m -Xmx128m -XX:TieredStopAtLevel=1 -cp "$WORK/load" \
      OpenLoopLoad "$url" "$RATE" "$OPEN_WARMUP" "${DURATION%s}" "$CONNECTIONS" "${open_args[@]}"
  fi
}
log "wrk: $CONNECTIONS connections, warm-up $WARMUP then $DURATION measured per scenario, then $DURATION at $RATE req/s"\
" (open loop, after ${OPEN_WARMUP}s at that rate); catalog on CPU $CATALOG_CPU, load and infrastructure on $WRK_CPUS"
want() { [[ " ${SCENARIOS:-list page subscription verify} " == *" $1 "* ]]; }
AUTH="Authorization: Bearer $USER_TOKEN"
body=$(curl -fs "$URL/public-products" | wc -c)
want list && run "GET /public-products (first page, $body bytes; $count products)" "$URL/public-products"
body=$(curl -fs "$URL/public-products?limit=200" | wc -c)
want page && run "GET /public-products?limit=200 (largest page, $body bytes)" "$URL/public-products?limit=200"
want subscription && run "GET /apps/{org}/{app}/subscriptions/{id}" "$URL/apps/$ORG_ID/$APP_ID/subscriptions/$SUB_ID" \
  -s "$WORK/get.lua" -- -H "$AUTH"
want verify && run "POST .../credentials/{id}/verify-client-secret" \
  "$URL/apps/$ORG_ID/$APP_ID/credentials/$CRED_ID/verify-client-secret" -s "$WORK/verify.lua" \
  -- -H "$AUTH" -H 'Content-Type: application/json' -d "{\"client_secret\":\"$SECRET\"}"
if [[ -f "$WORK/issuer.log" ]]; then
  log "issuer fetches during the whole run (discovery + JWKS; keys are cached by catalog-service):"
  grep -c '^served' "$WORK/issuer.log" || true
fi
