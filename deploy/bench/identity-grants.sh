#!/usr/bin/env bash
# Benchmark of identity-service's hot paths, identity pinned to one core (taskset -c 0), load generators on core 1.
#   client_credentials grants/s, refresh_token grants/s, password logins/s (configured Argon2id and Keycloak's
#   parameters), raw Argon2id hash rate on that core, RSS after the load.
# Kafka: by default a single-node Kafka of the benchmark's own (deploy/local's jars, fresh data, free ports) on core 1,
# so identity relays its events as it does in production and never joins a real stack's consumer groups;
# BENCH_KAFKA=host:port uses another. (Until session 8 the default was an unreachable address: the Kafka clients'
# reconnect loop and its error paths then cost identity 2-4 % of its core and kept the JIT compiling.)
# Every phase also prints the CPU time the identity process spent per request (utime+stime from /proc/<pid>/stat
# over the phase, divided by the successful requests): far less sensitive to other load on the machine than req/s.
# Needs: a JDK, `hey`, `psql` and `python3`. PostgreSQL: the one at $PGHOST:$PGPORT (user postgres, e.g. the local
# stack's) when one listens there, otherwise an embedded one started on core 1 for the run (deploy/local's jars). Kafka is
# optional (the outbox keeps events until Kafka is back).
# The refresh_token load is deploy/bench/RefreshLoad.java (CHAINS chains, default 64, each refreshing with the token
# it just received, on one selector thread that writes and parses HTTP/1.1 itself), on core 1.
# Usage: deploy/bench/identity-grants.sh [seconds-per-run]   (results in target/bench/identity-grants.txt)
#   IDENTITY_APP: the quarkus-app directory to run (default identity-service/target/quarkus-app), e.g. a copy of a
#   build before a change, to compare two builds back to back; IDENTITY_JVM_OPTS overrides the deployment's JVM
#   options (deploy/kubernetes); the script's environment (e.g. MALLOC_ARENA_MAX) reaches the service.
#   PHASES: which phases run (default "cc refresh login keycloak raw"), e.g. PHASES="cc login" for a short comparison;
#   PHASES=raw alone starts no identity and needs no database.
#   NMT=1 (with -XX:NativeMemoryTracking=summary in IDENTITY_JVM_OPTS): the JVM's memory summary and the heap's largest
#   classes after the RSS line.
#   CC_WARMUP_MAX: client_credentials load after each start of identity, in 10 s rounds until the JIT is quiet
#   (until_jit_quiet), at most this many seconds (default 120).
#   WARMUP_MEMORY_KIB / JIT_QUIET_PERCENT / JIT_QUIET_ROUNDS / WARMUP_LOGINS_MAX / LOGIN_MEASURE_AGE / LOGIN_WARMUP_MAX: the unmeasured logins before each login
#   measurement (see login_warmup: cheap-hash logins of a second account until the JIT is quiet, then logins at the
#   measured cost).
#   WINDOW_MS: the length of the alternating login and raw windows (see logins_against_raw).
#   PROFILE=1 adds async-profiler (ASYNC_PROFILER, default /tmp/ap/linux-x64/libasyncProfiler.so) per JVM run:
#   collapsed CPU stacks in target/bench/profile-<run>.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
PGHOST="${PGHOST:-localhost}"; PGPORT="${PGPORT:-15432}"
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('localhost', 0)); print(s.getsockname()[1])"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${BENCH_PORT:-$(free_port)}"
BASE="http://localhost:${PORT}"
# the JVM options the deployment uses (deploy/kubernetes: JAVA_OPTS_APPEND)
IDENTITY_JVM_OPTS="${IDENTITY_JVM_OPTS:--Xms64m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseTransparentHugePages -XX:PerfDataSamplingInterval=1000 -Dquarkus.vertx.event-loops-pool-size=1}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
APP="${IDENTITY_APP:-identity-service/target/quarkus-app}"
OUT="${BENCH_OUT:-target/bench}"; mkdir -p "$OUT"; REPORT="$OUT/identity-grants.txt"; : > "$REPORT"
SECRET=bench-secret
SECRET_HASH=$(printf '%s' "$SECRET" | sha256sum | cut -d' ' -f1)
ADMIN=bench-admin@cumulus.local; ADMIN_PW=bench-admin-password-1

command -v hey >/dev/null || { echo "hey not installed (apt-get install hey)"; exit 1; }
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -pl identity-service -am package -DskipTests

PHASES=" ${PHASES:-cc refresh login keycloak raw} "
phase() { [[ "$PHASES" == *" $1 "* ]]; }
runs_identity() { phase cc || phase refresh || phase login || phase keycloak; }
KAFKA_PID=""
stop_kafka() { [ -n "$KAFKA_PID" ] || return 0; kill "$KAFKA_PID" 2>/dev/null || true; wait "$KAFKA_PID" 2>/dev/null || true; }
PG_PID=""
stop_postgres() { [ -n "$PG_PID" ] || return 0; kill "$PG_PID" 2>/dev/null || true; wait "$PG_PID" 2>/dev/null || true; }
if runs_identity && [ "$PGHOST" = localhost ] && ! listening "$PGPORT"; then
  # nothing listens there: an embedded PostgreSQL (deploy/local's jars, fresh data) on core 1 for this run only, so
  # that no other service of a local stack shares identity's core
  PGLIB="$PWD/identity-service/target/bench/lib/postgres"
  if [ ! -f "$PGLIB/.complete" ]; then
    ./mvnw -q -B -f deploy/local/infra/pom.xml -Ppostgres dependency:copy-dependencies -DoutputDirectory="$PGLIB"
    touch "$PGLIB/.complete"
  fi
  rm -rf "$OUT/postgres"
  taskset -c 1 java -Xmx128m -cp "$PGLIB/*" deploy/local/infra/LocalPostgres.java "$OUT/postgres" "$PGPORT" identity_bench \
    > "$OUT/postgres.log" 2>&1 &
  PG_PID=$!
  trap 'stop_kafka; stop_postgres' EXIT
  for _ in $(seq 1 120); do grep -q "LocalPostgres ready" "$OUT/postgres.log" && break; sleep 0.5; done
  grep -q "LocalPostgres ready" "$OUT/postgres.log" || { echo "PostgreSQL did not start"; cat "$OUT/postgres.log"; exit 1; }
fi
if runs_identity; then  # the raw phase alone needs no database
PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -tc "select 1 from pg_database where datname='identity_bench'" \
  | grep -q 1 || PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -c "create database identity_bench"
fi

if runs_identity && [ -z "${BENCH_KAFKA:-}" ]; then
  KAFKA_LIB="$PWD/identity-service/target/bench/lib/kafka"
  if [ ! -f "$KAFKA_LIB/.complete" ]; then
    ./mvnw -q -B -f deploy/local/infra/pom.xml -Pkafka dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB"
    touch "$KAFKA_LIB/.complete"
  fi
  KAFKA_PORT=$(free_port)
  taskset -c 1 deploy/bench/kafka-node "$KAFKA_LIB" "$(cd "$OUT" && pwd)/kafka" "$KAFKA_PORT" "$(free_port)" \
    > "$OUT/kafka.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 120); do listening "$KAFKA_PORT" && break; sleep 0.5; done
  listening "$KAFKA_PORT" || { echo "Kafka did not start"; tail -30 "$OUT/kafka.log"; exit 1; }
  BENCH_KAFKA="localhost:$KAFKA_PORT"
fi

CHAINS="${CHAINS:-64}"
HZ=$(getconf CLK_TCK)
start_identity() {  # $1 = argon2 memory KiB, $2 = iterations, $3 = run name (profile file)
  local agent=""
  if [ "${PROFILE:-0}" = 1 ]; then
    agent="-agentpath:${ASYNC_PROFILER:-/tmp/ap/linux-x64/libasyncProfiler.so}=start,event=cpu,interval=1ms,file=$(cd "$OUT" && pwd)/profile-$3.txt,collapsed"
  fi
  QUARKUS_HTTP_PORT=$PORT \
  KAFKA_BOOTSTRAP_SERVERS="$BENCH_KAFKA" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://${PGHOST}:${PGPORT}/identity_bench" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/identity_bench" \
  CUMULUS_IDENTITY_SERVICE_CLIENT_ID=bench CUMULUS_IDENTITY_SERVICE_CLIENT_SECRET_HASH="$SECRET_HASH" \
  CUMULUS_ADMIN_EMAIL=$ADMIN CUMULUS_ADMIN_PASSWORD=$ADMIN_PW \
  CUMULUS_IDENTITY_PASSWORD_MEMORY_KIB="$1" CUMULUS_IDENTITY_PASSWORD_ITERATIONS="$2" \
  CUMULUS_IDENTITY_LOCAL_CLIENT_REDIRECT_URIS="http://localhost:9/cb" \
  CUMULUS_IDENTITY_THROTTLE_SOURCE_FAILURES=1000000 \
  taskset -c 0 java -XX:ActiveProcessorCount=1 $IDENTITY_JVM_OPTS $agent -jar "$APP/quarkus-run.jar" \
    > "$OUT/identity.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "$BASE/q/health/live" >/dev/null 2>&1; then side_traffic & SIDE_PID=$!; return 0; fi
    sleep 0.5
  done
  echo "identity did not start"; tail -50 "$OUT/identity.log"; exit 1
}
# What a deployed identity serves besides its API, every 10 s for as long as it runs (deploy/kubernetes: the
# ServiceMonitor's scrape interval and both probes' period): a Prometheus scrape of /q/metrics and the kubelet's
# liveness and readiness probes. Without them the warm-ups compiled the HTTP router for the API's routes alone, and the
# measurement's own first scrape deoptimized it, so C2 recompiled it inside the measured windows (session 11,
# -XX:+PrintCompilation).
side_traffic() {
  while sleep 10; do
    for path in /q/metrics /q/health/live /q/health/ready; do
      taskset -c 1 curl -s -o /dev/null --max-time 5 "$BASE$path" || true
    done
  done
}
PID=""
SIDE_PID=""
stop_identity() {
  [ -z "$SIDE_PID" ] || { kill "$SIDE_PID" 2>/dev/null || true; wait "$SIDE_PID" 2>/dev/null || true; SIDE_PID=""; }
  [ -n "$PID" ] || return 0; kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# "<summary line>" on stdin, $1 = ticks before, $2 = ticks after -> the line plus the CPU-ms per request
per_request() {
  awk -v t0="$1" -v t1="$2" -v hz="$HZ" '{
    n = 0; if (match($0, /200s: [0-9]+/)) { split(substr($0, RSTART, RLENGTH), a, ": "); n = a[2] }
    printf "%s, identity CPU %.2f ms/request\n", $0, (n > 0 ? (t1 - t0) * 1000 / hz / n : 0) }'
}
trap 'stop_identity; stop_kafka; stop_postgres' EXIT

summary() {  # hey output -> "N req/s p50 p99"
  awk '/Requests\/sec/ {rps=$2} /50% in/ {p50=$3} /99% in/ {p99=$3} /\[200\]/ {ok=$2}
       END {printf "%s req/s, p50 %ss, p99 %ss, 200s: %s\n", rps, p50, p99, ok}'
}

# Raw Argon2id hash rate on one core (upper bound for logins/s), with BouncyCastle's generator (what the service used
# before) and with the service's own implementation (identity-service account/service/Argon2id: one reused block
# buffer), each with the deployment's JVM options; CPU ms per hash of the whole process (GC included).
CP="$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.78.1/bcprov-jdk18on-1.78.1.jar):$(ls "$APP"/app/*.jar | paste -sd:)"
if phase login || phase keycloak || phase raw; then javac -cp "$CP" -d "$OUT/argon2-rate" deploy/bench/Argon2Rate.java; fi
if phase login || phase keycloak; then javac -d "$OUT/logins-against-raw" deploy/bench/LoginsAgainstRaw.java; fi
raw_rate() { # memory-kib iterations seconds impl -> "N hashes/s, M CPU ms/hash"
  taskset -c 0 java -XX:ActiveProcessorCount=1 $IDENTITY_JVM_OPTS -cp "$CP:$OUT/argon2-rate" Argon2Rate "$@"
}
# Logins at memory-kib $1 / iterations $2 against the raw hash rate at the same parameters on the same core, taking
# turns in windows of WINDOW_MS (default 2000) for DURATION seconds of each (deploy/bench/LoginsAgainstRaw.java: the
# raw side is the service's kernel in its own JVM on core 0 with the deployment's options, idle during the login
# windows; the logins come from core 1, 4 in flight). The raw rate on this VM drifts by up to 50 % within a minute,
# so only windows seconds apart compare the two under the same machine.
# The login client (deploy/bench/LoginsAgainstRaw.java) on core 1, signing in $1 (whose password is $ADMIN_PW): the
# rest are its rounds, window, concurrency, identity's pid and, for a measurement, "--" and the raw worker's command.
logins_client() {
  local email="$1"; shift
  taskset -c 1 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$OUT/logins-against-raw" LoginsAgainstRaw "$BASE" \
    "$email" "$ADMIN_PW" "$@"
}
logins_against_raw() {  # $1 = the account, $2/$3 = its stored hash's memory KiB and iterations
  local window="${WINDOW_MS:-2000}" email="$1"; shift
  local rounds=$(( DURATION * 1000 / window > 0 ? DURATION * 1000 / window : 1 ))
  logins_client "$email" "$rounds" "$window" 4 "$PID" -- \
    taskset -c 0 java -XX:ActiveProcessorCount=1 $IDENTITY_JVM_OPTS -cp "$CP:$OUT/argon2-rate" Argon2Rate serve "$1" "$2"
}
# Warm-up of the login path before a login measurement, at iterations $1: logins of a second account whose stored
# hash has the same iterations but WARMUP_MEMORY_KIB (default 256) of memory, so the same code path (HTTP, the login
# statements, the kernel, the session insert, its event's relay, the token) runs at ~20x the rate, in rounds of 10 s
# until the JIT is quiet: a round in which identity's compilers worked less than JIT_QUIET_PERCENT (default 3) of the
# time (java.ci.totalTime), at most WARMUP_LOGINS_MAX seconds (default 240). Then logins at the measured cost, also
# in 10 s rounds until the JIT is quiet (at most LOGIN_WARMUP_MAX, default 120), from the measurement's own client in
# its own rhythm (LoginsAgainstRaw without a raw JVM: 2 s of logins, 2 s idle), and settle. On one core the JIT takes
# minutes to reach steady state: with a fixed 15 s warm-up, identity's compilers still took 10 % of the core during the
# measured logins (profile, session 8), and after the cheap logins alone went quiet, 5 % (session 9): the measured
# cost's own rhythm (a hash every ~30 ms, the relay's small batches) compiles code the cheap logins did not. A
# long-running service does not pay this. Each round's compile share is printed to stderr.
# The cheap logins then go on until identity is LOGIN_MEASURE_AGE seconds old (default 720): on one core its compilers
# take minutes to reach what code the relay's cycles, the Kafka clients and the probes run a few times a second or less
# (the tiered thresholds count calls, not time). In a 25-minute soak of cheap logins (session 12) they took 1.3-2.7 %
# of the core at 5-11 minutes of age and 0.03-0.9 % (mostly 0.2-0.3 %) from 12 minutes on, while java.ci.totalTime
# still showed rounds at 5 %; a deployed identity runs for days, so its logins are measured past that age.
WARM=bench-warmup@cumulus.local
compile_seconds() { jcmd "$PID" PerfCounter.print | awk -F= '/^java.ci.totalTime=/ {t=$2} /^sun.os.hrt.frequency=/ {f=$2} END {printf "%.3f", t / f}'; }
# Runs "$3..." (a 10 s load) again and again until JIT_QUIET_ROUNDS (default 2) rounds in a row in which identity's
# compiler threads spent less than JIT_QUIET_PERCENT (default 3) % of the round compiling (java.ci.totalTime: the time
# of both compiler threads, so above 100 % when C1 and C2 both work), at most $2 seconds; prints each round's figure
# to stderr, labelled $1. (Compiling comes in bursts: after a single quiet round, session 11 still measured the
# compilers at 2-3 % of the core in the measured windows.)
# Runs "$@" (a 10 s load) once; prints the % of it that identity's compilers spent compiling (java.ci.totalTime).
compile_round() {
  local c0 c1
  c0=$(compile_seconds); "$@" >/dev/null; c1=$(compile_seconds)
  awk -v a="$c0" -v b="$c1" 'BEGIN {print (b - a) * 10}'
}
until_jit_quiet() {
  local label="$1" max="$2" waited=0 quiet=0 percent; shift 2
  while [ "$waited" -lt "$max" ]; do
    percent=$(compile_round "$@"); waited=$((waited + 10))
    printf "  %s %s s: compiling %.1f %% of the round\n" "$label" "$waited" "$percent" >&2
    if awk -v p="$percent" -v q="${JIT_QUIET_PERCENT:-3}" 'BEGIN {exit !(p < q)}'; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -lt "${JIT_QUIET_ROUNDS:-2}" ] || return 0
  done
  echo "  $label: the JIT was not quiet after $max s; measuring anyway" >&2
}
# An account $1 whose stored password hash ($ADMIN_PW) has memory $2 KiB and $3 iterations: identity verifies a hash
# with the parameters stored in it (its PHC string), whatever it is configured to make new hashes with.
account_with_hash() {
  local phc
  phc=$(taskset -c 1 java -cp "$CP:$OUT/argon2-rate" Argon2Rate phc "$2" "$3" "$ADMIN_PW")
  PGPASSWORD=postgres psql -q -h "$PGHOST" -p "$PGPORT" -U postgres -d identity_bench -c "insert into app_user
    (id, email, password_hash, platform_admin, created_at, updated_at) values (gen_random_uuid(), '$1', '$phc',
    false, now(), now()) on conflict (email) do update set password_hash = excluded.password_hash" >/dev/null
}
warm_logins() {  # 10 s of cheap-hash logins
  taskset -c 1 hey -z 10s -c 4 -m POST -T application/json -d "{\"email\":\"$WARM\",\"password\":\"$ADMIN_PW\"}" \
    "$BASE/api/v1/session"
}
identity_age() { ps -o etimes= -p "$PID" | tr -d ' '; }
login_warmup() {  # $1 = the measured account, $2 = its hash's iterations
  account_with_hash "$WARM" "${WARMUP_MEMORY_KIB:-256}" "$2"
  until_jit_quiet "login warm-up" "${WARMUP_LOGINS_MAX:-240}" warm_logins
  local percent
  while [ "$(identity_age)" -lt "${LOGIN_MEASURE_AGE:-720}" ]; do
    percent=$(compile_round warm_logins)
    printf "  login warm-up until identity is %s s old (%s s): compiling %.1f %% of the round\n" \
      "${LOGIN_MEASURE_AGE:-720}" "$(identity_age)" "$percent" >&2
  done
  until_jit_quiet "login warm-up at the measured cost" "${LOGIN_WARMUP_MAX:-120}" logins_client "$1" 3 2000 4 "$PID"
  settle
}
# Waits (at most SETTLE_MAX seconds, default 60) until identity idles: less than 5 % of its core over one second.
# Under load the JIT's compiler threads share the one core with the hashing thread and the event loop, so its queue
# drains slowly: JFR of a measured Keycloak-parameter window (session 7) had 1,116 C2 compilations in 25 s, mostly of
# the HTTP, pg-client and Netty paths the warm-ups had queued, and 2,616 at C1 level 2 (what tiered compilation
# falls back to while C2's queue is long). Idle, the queue drains at the full core.
settle() {
  local i a b
  for i in $(seq 1 "${SETTLE_MAX:-60}"); do
    a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
    [ $(( (b - a) * 100 / HZ )) -lt 5 ] && return 0
  done
}
# Warm-up after identity starts: client_credentials until the JIT is quiet, then settle (session 8: after a fixed 20 s,
# identity's compilers still took most of the core when the logins' warm-up began; session 9: after the Keycloak
# phase's former fixed 30 s, they took 1.5 ms of CPU per measured login, against 0.2 ms in the configured phase)
cc_warmup() {
  until_jit_quiet "client_credentials warm-up" "${CC_WARMUP_MAX:-120}" taskset -c 1 hey -z 10s -c 16 -m POST \
    -T application/x-www-form-urlencoded -d "grant_type=client_credentials&client_id=bench&client_secret=$SECRET" \
    "$BASE/oauth2/v2/token"
  settle
}
# One identity process, started with the configured hash parameters, serves every phase: the Keycloak-parameter
# logins sign in an account whose stored hash has Keycloak's parameters. (Until session 10 that phase restarted
# identity configured with them, and measured a process minutes old: its compilers still took ~1 ms per login, against
# ~0.2 ms after the configured phases.) PHASES=keycloak alone measures such a younger process.
if runs_identity; then
PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -d identity_bench -c "delete from app_user where email='$ADMIN'" \
  >/dev/null 2>&1 || true
start_identity "${ARGON2_MEMORY_KIB:-19456}" "${ARGON2_ITERATIONS:-2}" configured
echo "identity pid $PID pinned to core 0" | tee -a "$REPORT"

cc_warmup

if phase cc; then
echo -n "client_credentials: " | tee -a "$REPORT"
T0=$(cpu_ticks)
R=$(taskset -c 1 hey -z "${DURATION}s" -c 32 -m POST -T application/x-www-form-urlencoded \
  -d "grant_type=client_credentials&client_id=bench&client_secret=$SECRET" "$BASE/oauth2/v2/token" | summary)
echo "$R" | per_request "$T0" "$(cpu_ticks)" | tee -a "$REPORT"
fi

if phase refresh; then
mkdir -p "$OUT/refresh-load" && javac -d "$OUT/refresh-load" deploy/bench/RefreshLoad.java
# warm-up of the refresh path (and of the load client), then the measured run; the client reads identity's CPU time
# itself after its chains have signed in (their Argon2 hashes are not counted)
taskset -c 1 java -XX:+UseSerialGC -cp "$OUT/refresh-load" RefreshLoad "$BASE" "$ADMIN" "$ADMIN_PW" 5 "$CHAINS" >/dev/null
echo -n "refresh_token: " | tee -a "$REPORT"
taskset -c 1 java -XX:+UseSerialGC -cp "$OUT/refresh-load" RefreshLoad "$BASE" "$ADMIN" "$ADMIN_PW" "$DURATION" "$CHAINS" "$PID" \
  | paste -sd' ' | sed 's/  */ /g; s/) identity/), identity/' | tee -a "$REPORT"
fi

if phase login; then
login_warmup "$ADMIN" "${ARGON2_ITERATIONS:-2}"
echo -n "password logins (m=${ARGON2_MEMORY_KIB:-19456} KiB, t=${ARGON2_ITERATIONS:-2}): " | tee -a "$REPORT"
logins_against_raw "$ADMIN" "${ARGON2_MEMORY_KIB:-19456}" "${ARGON2_ITERATIONS:-2}" | tee -a "$REPORT"
fi

if phase keycloak; then
# the same logins for an account whose stored hash has Keycloak's Argon2 parameters (5 iterations, 7 MiB)
KEYCLOAK_ACCOUNT=bench-keycloak@cumulus.local
account_with_hash "$KEYCLOAK_ACCOUNT" 7168 5
login_warmup "$KEYCLOAK_ACCOUNT" 5
echo -n "password logins (Keycloak parameters m=7168 KiB, t=5): " | tee -a "$REPORT"
logins_against_raw "$KEYCLOAK_ACCOUNT" 7168 5 | tee -a "$REPORT"
fi
echo "RSS after load: $(( $(ps -o rss= -p "$PID") / 1024 )) MiB" | tee -a "$REPORT"
if [ "${NMT:-0}" = 1 ]; then  # the JVM's own accounting of that memory (needs -XX:NativeMemoryTracking=summary)
  jcmd "$PID" VM.native_memory summary | grep -E "^-|committed=" | grep -E "Total|Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Arena|Metaspace" \
    | tee -a "$REPORT"
  jcmd "$PID" GC.class_histogram | head -15 | tee -a "$REPORT"   # the largest kinds of object on the heap
fi
stop_identity
fi

if phase raw; then
for params in "${ARGON2_MEMORY_KIB:-19456} ${ARGON2_ITERATIONS:-2}" "7168 5"; do
  set -- $params
  for impl in bouncycastle own; do
    echo -n "raw Argon2id m=$1 KiB t=$2 on core 0 ($impl): " | tee -a "$REPORT"
    raw_rate "$1" "$2" 10 $impl | tee -a "$REPORT"
  done
done
fi
echo "report: $REPORT"
