#!/usr/bin/env bash
# Benchmark of identity-service's hot paths, identity pinned to one core (taskset -c 0), load generators on core 1.
#   client_credentials grants/s, refresh_token grants/s, password logins/s (configured Argon2id and Keycloak's
#   parameters), raw Argon2id hash rate on that core, RSS after the load.
# Kafka: by default an unreachable address (BENCH_KAFKA overrides), so the benchmark never joins a real stack's
# consumer groups; events stay in the outbox.
# Needs: a JDK, PostgreSQL reachable at $PGHOST:$PGPORT (user postgres) — e.g. the local stack (deploy/local/up) or
# Debian's postgresql — `hey` and `python3`. Kafka is optional (the outbox keeps events until Kafka is back).
# Usage: deploy/bench/identity-grants.sh [seconds-per-run]   (results in target/bench/identity-grants.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
PGHOST="${PGHOST:-localhost}"; PGPORT="${PGPORT:-15432}"
PORT="${BENCH_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('localhost', 0)); print(s.getsockname()[1])")}"
BASE="http://localhost:${PORT}"
# the JVM options the deployment uses (deploy/kubernetes: JAVA_OPTS_APPEND)
IDENTITY_JVM_OPTS="${IDENTITY_JVM_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC}"
OUT=target/bench; mkdir -p "$OUT"; REPORT="$OUT/identity-grants.txt"; : > "$REPORT"
SECRET=bench-secret
SECRET_HASH=$(printf '%s' "$SECRET" | sha256sum | cut -d' ' -f1)
ADMIN=bench-admin@cumulus.local; ADMIN_PW=bench-admin-password-1

command -v hey >/dev/null || { echo "hey not installed (apt-get install hey)"; exit 1; }
./mvnw -q -pl identity-service -am package -DskipTests

PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -tc "select 1 from pg_database where datname='identity_bench'" \
  | grep -q 1 || PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -c "create database identity_bench"

start_identity() {  # $1 = argon2 memory KiB, $2 = iterations
  QUARKUS_HTTP_PORT=$PORT \
  KAFKA_BOOTSTRAP_SERVERS="${BENCH_KAFKA:-localhost:1}" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://${PGHOST}:${PGPORT}/identity_bench" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/identity_bench" \
  CUMULUS_IDENTITY_SERVICE_CLIENT_ID=bench CUMULUS_IDENTITY_SERVICE_CLIENT_SECRET_HASH="$SECRET_HASH" \
  CUMULUS_ADMIN_EMAIL=$ADMIN CUMULUS_ADMIN_PASSWORD=$ADMIN_PW \
  CUMULUS_IDENTITY_PASSWORD_MEMORY_KIB="$1" CUMULUS_IDENTITY_PASSWORD_ITERATIONS="$2" \
  CUMULUS_IDENTITY_LOCAL_CLIENT_REDIRECT_URIS="http://localhost:9/cb" \
  CUMULUS_IDENTITY_THROTTLE_SOURCE_FAILURES=1000000 \
  taskset -c 0 java -XX:ActiveProcessorCount=1 $IDENTITY_JVM_OPTS -jar identity-service/target/quarkus-app/quarkus-run.jar \
    > "$OUT/identity.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/q/health/live" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "identity did not start"; tail -50 "$OUT/identity.log"; exit 1
}
stop_identity() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap stop_identity EXIT

summary() {  # hey output -> "N req/s p50 p99"
  awk '/Requests\/sec/ {rps=$2} /50% in/ {p50=$3} /99% in/ {p99=$3} /\[200\]/ {ok=$2}
       END {printf "%s req/s, p50 %ss, p99 %ss, 200s: %s\n", rps, p50, p99, ok}'
}

start_identity "${ARGON2_MEMORY_KIB:-19456}" "${ARGON2_ITERATIONS:-2}"
echo "identity pid $PID pinned to core 0" | tee -a "$REPORT"

# warm-up
taskset -c 1 hey -z 5s -c 16 -m POST -T application/x-www-form-urlencoded \
  -d "grant_type=client_credentials&client_id=bench&client_secret=$SECRET" "$BASE/oauth2/v2/token" >/dev/null

echo -n "client_credentials: " | tee -a "$REPORT"
taskset -c 1 hey -z "${DURATION}s" -c 32 -m POST -T application/x-www-form-urlencoded \
  -d "grant_type=client_credentials&client_id=bench&client_secret=$SECRET" "$BASE/oauth2/v2/token" | summary | tee -a "$REPORT"

echo -n "refresh_token: " | tee -a "$REPORT"
taskset -c 1 python3 - "$BASE" "$ADMIN" "$ADMIN_PW" "$DURATION" <<'PY' | tee -a "$REPORT"
import base64, hashlib, http.client, json, os, re, sys, threading, time, urllib.parse
base, email, pw, duration = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
host = urllib.parse.urlparse(base)
def conn(): return http.client.HTTPConnection(host.hostname, host.port)
def login():
    c = conn(); verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b'=').decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
    q = urllib.parse.urlencode({"response_type": "code", "client_id": "cumulus-console", "redirect_uri": "http://localhost:9/cb",
        "scope": "openid", "state": "s", "code_challenge": challenge, "code_challenge_method": "S256"})
    c.request("GET", "/oauth2/v2/authorization?" + q); html = c.getresponse().read().decode()
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)); form.update(email=email, password=pw)
    c.request("POST", "/oauth2/v2/authorization", urllib.parse.urlencode(form), {"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse(); r.read(); code = urllib.parse.parse_qs(urllib.parse.urlparse(r.getheader("Location")).query)["code"][0]
    c.request("POST", "/oauth2/v2/token", urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
        "client_id": "cumulus-console", "redirect_uri": "http://localhost:9/cb", "code_verifier": verifier}),
        {"Content-Type": "application/x-www-form-urlencoded"})
    return json.loads(c.getresponse().read())["refresh_token"]
lat, lock, stop = [], threading.Lock(), time.time() + duration
def worker():
    rt, c, mine = login(), conn(), []
    while time.time() < stop:
        t = time.perf_counter()
        c.request("POST", "/oauth2/v2/token", "grant_type=refresh_token&client_id=cumulus-console&refresh_token=" + rt,
                  {"Content-Type": "application/x-www-form-urlencoded"})
        body = json.loads(c.getresponse().read()); rt = body["refresh_token"]; mine.append(time.perf_counter() - t)
    with lock: lat.extend(mine)
threads = [threading.Thread(target=worker) for _ in range(16)]
start = time.time(); [t.start() for t in threads]; [t.join() for t in threads]; elapsed = time.time() - start
lat.sort(); n = len(lat)
print(f"{n/elapsed:.1f} req/s, p50 {lat[n//2]:.4f}s, p99 {lat[int(n*0.99)]:.4f}s, grants: {n} (python client, 16 chains)")
PY

echo -n "password logins (m=${ARGON2_MEMORY_KIB:-19456} KiB, t=${ARGON2_ITERATIONS:-2}): " | tee -a "$REPORT"
taskset -c 1 hey -z "${DURATION}s" -c 4 -m POST -T application/json \
  -d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}" "$BASE/api/v1/session" | summary | tee -a "$REPORT"
echo "RSS after load: $(( $(ps -o rss= -p "$PID") / 1024 )) MiB" | tee -a "$REPORT"
stop_identity

# The same logins with Keycloak's Argon2 parameters (5 iterations, 7 MiB); the stored hash is re-created at startup.
PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -d identity_bench -c "delete from app_user where email='$ADMIN'" >/dev/null
start_identity 7168 5
echo -n "password logins (Keycloak parameters m=7168 KiB, t=5): " | tee -a "$REPORT"
taskset -c 1 hey -z "${DURATION}s" -c 4 -m POST -T application/json \
  -d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}" "$BASE/api/v1/session" | summary | tee -a "$REPORT"
stop_identity

# Raw Argon2id hash rate on one core with the same library (upper bound for logins/s).
CP=$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.78.1/bcprov-jdk18on-1.78.1.jar)
cat > "$OUT/Argon2Rate.java" <<'JAVA'
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
public class Argon2Rate {
    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), t = Integer.parseInt(a[1]); long end = System.nanoTime() + Long.parseLong(a[2]) * 1_000_000_000L;
        byte[] out = new byte[32]; int n = 0; long start = System.nanoTime();
        while (System.nanoTime() < end) {
            Argon2BytesGenerator g = new Argon2BytesGenerator();
            g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(19).withMemoryAsKB(m)
                .withIterations(t).withParallelism(1).withSalt(new byte[16]).build());
            g.generateBytes("password".getBytes(), out); n++;
        }
        System.out.printf("%.1f hashes/s%n", n / ((System.nanoTime() - start) / 1e9));
    }
}
JAVA
for params in "${ARGON2_MEMORY_KIB:-19456} ${ARGON2_ITERATIONS:-2}" "7168 5"; do
  set -- $params
  echo -n "raw Argon2id m=$1 KiB t=$2 on core 0: " | tee -a "$REPORT"
  taskset -c 0 java -cp "$CP" "$OUT/Argon2Rate.java" "$1" "$2" 10 | tee -a "$REPORT"
done
echo "report: $REPORT"
