#!/usr/bin/env bash
# Read benchmark of tenancy-service:
#   GET /api/v1/organizations/{id}/projects (PROJECTS projects in the organization, one page of 50) and
#   GET /v1/organizations/{id}/members, authenticated, tenancy pinned to one core with taskset.
# Target (docs/tenancy-service.md): >= 3,000 req/s per core, p99 <= 20 ms, on an idle machine.
# Each request is one prepared statement (access check incl. group roles, then the page and its total / the members
# with their profiles).
#
# Self-contained: starts what is missing and stops what it started.
#   - PostgreSQL (localhost:15432, database "tenancy") and Kafka (localhost:19092): reused when listening, otherwise
#     started from deploy/local's Maven Central jars in tenancy-service/target/bench (fresh data each run).
#   - tenancy-service: reused when $TENANCY_URL answers (then give TOKEN), otherwise the packaged jar is started on
#     $TENANCY_PORT pinned to core $TENANCY_CORE (builds it when missing, BUILD=1 forces).
#   - a token: TOKEN=<access token of a user> when tenancy trusts identity; otherwise a stand-in issuer
#     (deploy/bench/gateway-issuer.java: discovery + JWKS + one ES256 token) that the started tenancy trusts.
# Each URL: a closed-loop wrk run (saturation req/s, p99), then an open-loop run at RATE req/s (default 3,000, the
# target; deploy/bench/OpenLoopLoad.java) whose p99 counts from the intended send time.
# Usage: deploy/bench/tenancy-read.sh [duration-seconds] [connections]
#   e.g. a smoke run: PROJECTS=100 deploy/bench/tenancy-read.sh 2 8
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${1:-30}"
CONNECTIONS="${2:-64}"
PROJECTS="${PROJECTS:-1000}"
WARMUP="${WARMUP:-15}"   # seconds of unmeasured load per URL first (JIT), wrk only
# TENANCY_JAVA_OPTS: more JVM options for the started tenancy (e.g. a profiler agent)
# PROFILE=<file prefix>: CPU profile of each measured run (not the warm-up) with async-profiler attached through jcmd,
#   written as <prefix>-projects.collapsed / -members.collapsed (AP_LIB: the agent, default /tmp/ap/linux-x64/...)
PROFILE="${PROFILE:-}"
AP_LIB="${AP_LIB:-/tmp/ap/linux-x64/libasyncProfiler.so}"
CORE="${TENANCY_CORE:-0}"
# the load generator, PostgreSQL and Kafka (when started here) run on another core (WRK_CORE, default: core 1, or 0
# when tenancy has core 1), not tenancy's
WRK_CORE="${WRK_CORE:-$([ "$CORE" = 1 ] && echo 0 || echo 1)}"
[ "$(nproc)" -gt 1 ] && LOADGEN=(taskset -c "$WRK_CORE") || LOADGEN=()
TENANCY_PORT="${TENANCY_PORT:-18082}"
ISSUER_PORT="${ISSUER_PORT:-18096}"
BASE="${TENANCY_URL:-http://localhost:$TENANCY_PORT}"
WORK="$ROOT/tenancy-service/target/bench"
LIB="$WORK/lib"
JAR="${TENANCY_JAR:-$ROOT/tenancy-service/target/quarkus-app/quarkus-run.jar}"   # TENANCY_JAR: another build (before/after)
mkdir -p "$WORK"

PIDS=()
cleanup() { # newest first (tenancy before Kafka/PostgreSQL), each given 20 s to stop
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[$i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # what command... (60 s)
  local what=$1; shift
  for _ in $(seq 1 240); do "$@" 2>/dev/null && return 0; sleep 0.25; done
  echo "$what did not come up; logs in $WORK" >&2; exit 1
}
jars() { # profile of deploy/local/infra/pom.xml
  if [ ! -f "$LIB/$1/.complete" ]; then
    (cd "$ROOT" && ./mvnw -q -B -f deploy/local/infra/pom.xml -P"$1" dependency:copy-dependencies \
      -DoutputDirectory="$LIB/$1")
    touch "$LIB/$1/.complete"
  fi
}

if ! listening 15432; then
  jars postgres
  rm -rf "$WORK/postgres"
  "${LOADGEN[@]}" java -Xmx128m -cp "$LIB/postgres/*" "$ROOT/deploy/local/infra/LocalPostgres.java" "$WORK/postgres" 15432 tenancy \
    > "$WORK/postgres.log" 2>&1 &
  PIDS+=($!)
  echo "starting PostgreSQL on 15432"
fi
if ! listening 19092; then
  jars kafka
  rm -rf "$WORK/kafka" && mkdir -p "$WORK/kafka"
  cat > "$WORK/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:19093
listeners=PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093
advertised.listeners=PLAINTEXT://localhost:19092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  java -cp "$LIB/kafka/*" kafka.tools.StorageTool format -t "$(java -cp "$LIB/kafka/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
    -c "$WORK/kafka/server.properties" > "$WORK/kafka-format.log" 2>&1
  "${LOADGEN[@]}" java -Xms256m -Xmx512m -cp "$LIB/kafka/*" kafka.Kafka "$WORK/kafka/server.properties" > "$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  echo "starting Kafka on 19092"
fi
wait_for PostgreSQL listening 15432
wait_for Kafka listening 19092

if ! curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1; then
  [ -n "${TENANCY_URL:-}" ] && { echo "$TENANCY_URL does not answer" >&2; exit 1; }
  if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -q -B -pl tenancy-service -am package -DskipTests)
  fi
  OIDC=()
  if [ -z "${TOKEN:-}" ]; then
    rm -f "$WORK/token"
    java "$ROOT/deploy/bench/gateway-issuer.java" "$ISSUER_PORT" "$WORK/token" > "$WORK/issuer.log" 2>&1 &
    PIDS+=($!)
    wait_for "token issuer" test -s "$WORK/token"
    TOKEN="$(cat "$WORK/token")"
    OIDC=(-Dquarkus.oidc.auth-server-url="http://127.0.0.1:$ISSUER_PORT")
  fi
  # shellcheck disable=SC2086
  taskset -c "$CORE" java -XX:ActiveProcessorCount=1 -Xms128m -Xmx256m ${TENANCY_JAVA_OPTS:-} "${OIDC[@]}" \
    -Dquarkus.http.port="$TENANCY_PORT" -jar "$JAR" > "$WORK/tenancy.log" 2>&1 &
  PIDS+=($!)
  TENANCY_PID=$!
  echo "starting tenancy-service on $TENANCY_PORT (core $CORE)"
  wait_for tenancy-service curl -fsS -o /dev/null "$BASE/q/health/ready"
fi
: "${TOKEN:?set TOKEN to an access token the running tenancy-service accepts}"

AUTH="Authorization: Bearer $TOKEN"
ORG=$(curl -fsS -X POST "$BASE/api/v1/organizations" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"metadata\":{\"name\":\"bench-$(date +%s)\"},\"spec\":{\"organizationType\":\"adhoc\"}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["id"])')
curl -fsS -X PUT "$BASE/api/v1/organizations/$ORG/quotas" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"quotas\":[{\"kind\":\"projects\",\"quantity\":$((PROJECTS + 10))}]}" >/dev/null
echo "organization $ORG: creating $PROJECTS projects"
seq 1 "$PROJECTS" | xargs -P 8 -I{} curl -fsS -o /dev/null -X POST "$BASE/api/v1/organizations/$ORG/projects" \
  -H "$AUTH" -H 'Content-Type: application/json' -d '{"metadata":{"name":"bench-p-{}"}}'

# CPU time (user + system, ms) the tenancy process has used so far; TENANCY_PID names a reused one
cpu_ms() {
  local pid="${TENANCY_PID:-}" tick
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || { echo ""; return; }
  tick=$(getconf CLK_TCK)
  # fields 14 and 15 (utime, stime) counted after the ")" closing the command name
  sed 's/^.*) //' "/proc/$pid/stat" | awk -v t="$tick" '{ printf "%d", ($12 + $13) * 1000 / t }'
}
# CPU time (ms) of every PostgreSQL server process listening for 15432 (the postmaster's children included)
pg_cpu_ms() {
  local tick pids
  tick=$(getconf CLK_TCK)
  pids=$(pgrep -f -- "-p 15432|port=15432|postgres.*15432" | paste -sd, -)
  [ -n "$pids" ] || { echo ""; return; }
  pids="$pids,$(pgrep -d, -P "$pids" 2>/dev/null || true)"
  for pid in ${pids//,/ }; do sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null; done \
    | awk -v t="$tick" '{ s += $12 + $13 } END { printf "%d", s * 1000 / t }'
}
profile() { # start | stop <name>
  [ -n "$PROFILE" ] && [ -n "${TENANCY_PID:-}" ] || return 0
  if [ "$1" = start ]; then
    # the option string is quoted for jcmd, which would split it at "="
    jcmd "$TENANCY_PID" JVMTI.agent_load "$AP_LIB" "\"start,event=cpu,interval=1ms\"" > /dev/null
  else
    jcmd "$TENANCY_PID" JVMTI.agent_load "$AP_LIB" "\"stop,collapsed,file=$PROFILE-$2.collapsed\"" > /dev/null
    echo "  profile: $PROFILE-$2.collapsed"
  fi
}
run() {
  local name="$1" url="$2" out before after requests
  curl -fsS -o /dev/null -H "$AUTH" "$url"   # fails the script (set -e) unless the request answers 200
  echo "== GET $url (${DURATION}s after a ${WARMUP}s warm-up, $CONNECTIONS connections, tenancy on core $CORE, load generator on core $WRK_CORE)"
  if command -v wrk >/dev/null; then
    "${LOADGEN[@]}" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "$AUTH" "$url" > /dev/null
    profile start
    before=$(cpu_ms); pg_before=$(pg_cpu_ms)
    out=$("${LOADGEN[@]}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$AUTH" "$url")
    after=$(cpu_ms); pg_after=$(pg_cpu_ms)
    profile stop "$name"
    echo "$out" | grep -E "Requests/sec|99%|Latency|Non-2xx|Socket errors"
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  else
    before=$(cpu_ms)
    out=$("${LOADGEN[@]}" hey -z "${DURATION}s" -c "$CONNECTIONS" -H "$AUTH" "$url")
    after=$(cpu_ms)
    echo "$out" | grep -E "Requests/sec|99% in|\[[0-9]+\]"
    requests=$(echo "$out" | awk '/\[200\]/ { print $2 }')
  fi
  # (requests wrk gave up on, "Socket errors: ... timeout", were still served: their CPU is in the figure)
  if [ -n "$before" ] && [ -n "$after" ] && [ "${requests:-0}" -gt 0 ]; then
    awk -v c=$((after - before)) -v n="$requests" -v d="$DURATION" 'BEGIN {
      printf "  tenancy CPU: %.3f ms per request (%d ms over %d requests; %.0f%% of one core)\n", c / n, c, n, c / (d * 10) }'
  else
    echo "  tenancy CPU: not measured (set TENANCY_PID for a reused tenancy)"
  fi
  if [ -n "${pg_before:-}" ] && [ -n "${pg_after:-}" ] && [ "${requests:-0}" -gt 0 ]; then
    awk -v c=$((pg_after - pg_before)) -v n="$requests" -v d="$DURATION" 'BEGIN {
      printf "  PostgreSQL CPU: %.3f ms per request (%.0f%% of one core)\n", c / n, c / (d * 10) }'
  fi
  echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$RATE" != 0 ]; then
    # the target's rate offered on a fixed schedule (no coordinated omission): p99 from the intended send time
    echo "  open loop, $RATE requests/s offered for ${DURATION}s (after 5 s at that rate), $CONNECTIONS connections:"
    before=$(cpu_ms)
    "${LOADGEN[@]}" java -XX:+UseSerialGC -Xms128m -Xmx128m -XX:TieredStopAtLevel=1 -cp "$WORK/load" \
      OpenLoopLoad "$url" "$RATE" 5 "$DURATION" "$CONNECTIONS" -H "$AUTH" | sed 's/^/    /'
    after=$(cpu_ms)
    [ -n "$before" ] && [ -n "$after" ] && awk -v c=$((after - before)) -v d="$((DURATION + 5))" 'BEGIN {
      printf "    tenancy CPU: %.0f%% of one core\n", c / (d * 10) }'
  fi
}
# Creating the projects leaves work behind (outbox relay, tenancy's own activity consumer of project.created):
# wait until the started tenancy is idle (under 10 % of a core over 2 s, at most 3 min) so it is not measured.
if [ -n "${TENANCY_PID:-}" ]; then
  for _ in $(seq 1 90); do
    a=$(cpu_ms); sleep 2; b=$(cpu_ms)
    [ $((b - a)) -lt 200 ] && break
  done
fi
RATE="${RATE:-3000}"   # open-loop rate after each closed-loop run (0: none)
mkdir -p "$WORK/load" && javac -d "$WORK/load" "$ROOT/deploy/bench/OpenLoopLoad.java"
PAGE=$(( PROJECTS >= 150 ? 3 : 1 ))   # a full page of 50 (page 3 of the default 1,000)
run projects "$BASE/api/v1/organizations/$ORG/projects?page=$PAGE&limit=50"
run members "$BASE/v1/organizations/$ORG/members"
