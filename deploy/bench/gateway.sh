#!/usr/bin/env bash
# Gateway benchmark, side by side in one run (issue 7 "Figures"):
#   1. direct      wrk -> trivial upstream (nginx returning a fixed JSON body)
#   2. nginx       wrk -> nginx reverse proxy (no auth) -> trivial upstream
#   3. gateway     wrk -> gateway (ES256 JWT verified, revocation + rate-limit checks, request id) -> trivial upstream
# then the gateway's RSS after the load. Everything is started here and stopped on exit.
# Usage: deploy/bench/gateway.sh            (env: DURATION=20s CONNECTIONS=64 THREADS=2 BUILD=0|1
#        TARGETS="direct nginx gateway" — a subset to iterate on one of them; GATEWAY_EXTRA_OPTS — more JVM flags;
#        GATEWAY_JAR — another build's quarkus-run.jar, e.g. a copy of the previous one to compare with)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/gateway/target/bench"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
UPSTREAM_PORT="${UPSTREAM_PORT:-18091}"
NGINX_PORT="${NGINX_PORT:-18092}"
GATEWAY_PORT="${GATEWAY_PORT:-18093}"
# Quarkus' HTTP server of the gateway (/q/); the public port is the gateway's own server. For a build from before
# that server (GATEWAY_JAR=...), set GATEWAY_HTTP_PORT=$GATEWAY_PORT: it serves everything on Quarkus' port.
GATEWAY_HTTP_PORT="${GATEWAY_HTTP_PORT:-18095}"
ISSUER_PORT="${ISSUER_PORT:-18094}"
GATEWAY_JVM_OPTS="${GATEWAY_JVM_OPTS:--Xms64m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k} ${GATEWAY_EXTRA_OPTS:-}"
TARGETS="${TARGETS:-direct nginx gateway}"
GATEWAY_JAR="${GATEWAY_JAR:-$ROOT/gateway/target/quarkus-app/quarkus-run.jar}"
PATH_UNDER_TEST="/api/v1/projects"

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2"; apt-get install -y "$2" >/dev/null; }; }
need nginx nginx-light
need wrk wrk
need hey hey

mkdir -p "$WORK"
rm -rf "$WORK"/nginx-* "$WORK"/*.log "$WORK"/wrk-*.txt "$WORK"/hey-*.txt "$WORK"/cpu-*.txt "$WORK/token"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx-upstream/nginx.pid" ] && kill "$(cat "$WORK/nginx-upstream/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/nginx-proxy/nginx.pid" ] && kill "$(cat "$WORK/nginx-proxy/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

if [ "${BUILD:-0}" = "1" ] || [ ! -f "$GATEWAY_JAR" ]; then
  (cd "$ROOT" && ./mvnw -q -pl gateway -am package -DskipTests)
fi

nginx_conf() { # name port workers body
  local dir="$WORK/nginx-$1"
  mkdir -p "$dir/tmp"
  cat > "$dir/nginx.conf" <<CONF
worker_processes $3;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  keepalive_requests 1000000;
  $4
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir"
}

# the trivial upstream: a fixed JSON answer, one worker
nginx_conf upstream "$UPSTREAM_PORT" 1 "server { listen 127.0.0.1:$UPSTREAM_PORT; default_type application/json;
    location / { return 200 '{\"items\":[],\"ok\":true}'; } }"
# nginx as the reverse proxy to compare with (no auth), keep-alive to the upstream
nginx_conf proxy "$NGINX_PORT" auto "upstream trivial { server 127.0.0.1:$UPSTREAM_PORT; keepalive 256; }
  server { listen 127.0.0.1:$NGINX_PORT; location / { proxy_pass http://trivial; proxy_http_version 1.1;
    proxy_set_header Connection \"\"; } }"

# a small issuer for the gateway's discovery + JWKS, and one signed token
java "$ROOT/deploy/bench/gateway-issuer.java" "$ISSUER_PORT" "$WORK/token" > "$WORK/issuer.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do [ -s "$WORK/token" ] && break; sleep 0.2; done
TOKEN="$(cat "$WORK/token")"

UP="http://127.0.0.1:$UPSTREAM_PORT"
# shellcheck disable=SC2086
CUMULUS_GATEWAY_SERVER_PORT="$GATEWAY_PORT" java $GATEWAY_JVM_OPTS \
  -Dquarkus.http.port="$GATEWAY_HTTP_PORT" \
  -Dcumulus.gateway.identity-url="$UP" -Dcumulus.gateway.tenancy-url="$UP" \
  -Dcumulus.gateway.catalog-url="$UP" -Dcumulus.gateway.provisioning-url="$UP" \
  -Dcumulus.gateway.auth.issuer="http://127.0.0.1:$ISSUER_PORT" \
  -Dcumulus.gateway.rate-limit.requests=1000000000 -Dcumulus.gateway.rate-limit.period=1s \
  -Dcumulus.gateway.access-log="${ACCESS_LOG:-false}" \
  -Dkafka.bootstrap.servers=127.0.0.1:9 \
    -Dquarkus.log.console.json.enabled=false \
  -jar "$GATEWAY_JAR" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" || true)
  [ "$code" = "200" ] && break
  sleep 0.2
done
[ "$code" = "200" ] || { echo "gateway not serving (last status $code)"; tail -30 "$WORK/gateway.log"; exit 1; }
echo "gateway up, RSS after start: $(( $(ps -o rss= -p "$GW_PID") / 1024 )) MiB"

load() { # label url seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -H "Authorization: Bearer $TOKEN" "$2" > "$WORK/wrk-$1.txt"
}
pids_of() { # nginx instance name | gateway -> pids whose CPU time is the proxy's cost
  if [ "$1" = gateway ]; then echo "$GW_PID"; else
    local master; master="$(cat "$WORK/nginx-$1/nginx.pid")"; echo "$master $(pgrep -P "$master" | tr '\n' ' ')"; fi
}
cpu_ticks() { # pids... -> utime+stime in clock ticks (CPU_FIELDS="14" for user only, "15" for system only)
  local total=0 pid
  for pid in "$@"; do
    total=$(( total + $(awk -v f="${CPU_FIELDS:-14 15}" '{n = split(f, i, " "); s = 0; for (k = 1; k <= n; k++) s += $i[k]; print s}' "/proc/$pid/stat") ))
  done
  echo "$total"
}
measure() { # label url process-set
  local pids before after
  pids="$(pids_of "$3")"
  local user_before user_after
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids); user_before=$(CPU_FIELDS=14 cpu_ticks $pids)
  load "$1" "$2" "$DURATION"
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids); user_after=$(CPU_FIELDS=14 cpu_ticks $pids)
  echo $(( (after - before) * 1000000 / $(getconf CLK_TCK) )) > "$WORK/cpu-$1.txt"
  echo $(( (user_after - user_before) * 1000000 / $(getconf CLK_TCK) )) > "$WORK/cpu-user-$1.txt"
}
url_of() { case "$1" in direct) echo "$UP" ;; nginx) echo "http://127.0.0.1:$NGINX_PORT" ;;
  gateway) echo "http://127.0.0.1:$GATEWAY_PORT" ;; esac; }
process_of() { case "$1" in direct) echo upstream ;; nginx) echo proxy ;; gateway) echo gateway ;; esac; }
for t in $TARGETS; do load "warmup-$t" "$(url_of "$t")$PATH_UNDER_TEST" "$WARMUP"; done
for t in $TARGETS; do measure "$t" "$(url_of "$t")$PATH_UNDER_TEST" "$(process_of "$t")"; done
RSS_MIB=$(( $(ps -o rss= -p "$GW_PID") / 1024 ))

# Latency at one fixed offered rate (the same for every target, below saturation), so "added p99" compares like
# with like: at saturation p99 is mostly queueing in front of whichever process is slowest.
RATE="${RATE:-4000}"
RATE_CLIENTS=32
for t in $TARGETS; do
  hey -z "$DURATION" -c "$RATE_CLIENTS" -q $(( RATE / RATE_CLIENTS )) -H "Authorization: Bearer $TOKEN" \
    "$(url_of "$t")$PATH_UNDER_TEST" > "$WORK/hey-$t.txt"
done

field() { # file label -> value
  case "$2" in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    p50) awk '$1=="50%" {print $2}' "$1" ;;
    p99) awk '$1=="99%" {print $2}' "$1" ;;
    non2xx) awk '/Non-2xx/ {print $NF}' "$1" ;;
    requests) awk '/requests in/ {print $1}' "$1" ;;
  esac
}
{
  echo "| target | req/s | p50 | p99 | non-2xx | CPU per request of the measured process (µs) | of which user (µs) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for t in $TARGETS; do
    f="$WORK/wrk-$t.txt"
    cpu_us=$(( $(cat "$WORK/cpu-$t.txt") / $(field "$f" requests) ))
    user_us=$(( $(cat "$WORK/cpu-user-$t.txt") / $(field "$f" requests) ))
    echo "| $t | $(field "$f" rps) | $(field "$f" p50) | $(field "$f" p99) | $(field "$f" non2xx) | $cpu_us | $user_us |"
  done
  echo
  echo "CPU per request: direct = the trivial upstream nginx, nginx = the proxying nginx, gateway = the gateway JVM."
  echo
  echo "| at a fixed $RATE req/s (hey -c $RATE_CLIENTS) | achieved req/s | p50 | p99 | added p99 over direct |"
  echo "|---|---:|---:|---:|---:|"
  direct_p99=$(awk '/99% in/ {print $3 * 1000}' "$WORK/hey-direct.txt" 2>/dev/null || echo "")
  for t in $TARGETS; do
    f="$WORK/hey-$t.txt"
    p50=$(awk '/50% in/ {printf "%.2f", $3 * 1000}' "$f"); p99=$(awk '/99% in/ {printf "%.2f", $3 * 1000}' "$f")
    added=$([ -n "$direct_p99" ] && awk -v a="$p99" -v b="$direct_p99" 'BEGIN {printf "%+.2f ms", a - b}' || echo "-")
    echo "| $t | $(awk '/Requests\/sec/ {printf "%.0f", $2}' "$f") | ${p50} ms | ${p99} ms | $added |"
  done
  echo
  echo "gateway RSS after the load: ${RSS_MIB} MiB (JVM options: $GATEWAY_JVM_OPTS)"
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of each); $(nproc) cores;" \
       "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.md"
