#!/usr/bin/env bash
# Beacon benchmark: builds Beacon and the load client, starts Beacon on the embedded store (fresh data
# directory, free ports, loopback only), runs bench/ (io.beacon.bench.BeaconBench) and always stops Beacon.
#
#   bench/skeleton.sh                       # full run, ~6-8 minutes on 2 cores
#   DURATION_S=5 COMPANIES=2000 bench/skeleton.sh   # quick smoke run
#
# Every figure is printed beside a baseline measured in the same run (ratio + absolute numbers):
#   A  create_company over WebSocket (1 and 8 connections, each sequential) vs raw insertOne into the same
#      embedded store through a plain driver (bench_raw collection, same indexes and document shape);
#   B  list_companies (name filter + ordering) over COMPANIES companies vs the identical query sent to the store.
# PHASES=ABA repeats A after the load, on the grown store.
#
# Knobs (environment):
COMPANIES=${COMPANIES:-10000}          # companies in the store for B (created through Beacon)
DURATION_S=${DURATION_S:-15}           # measured seconds per A figure
WARMUP_S=${WARMUP_S:-5}                # warm-up seconds before each A figure
INITIAL_WARMUP_S=${INITIAL_WARMUP_S:-20}  # one-off warm-up (JIT) before the first figure
CONCURRENCY=${CONCURRENCY:-1,8}        # WebSocket connections / driver threads for A
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-8}
LOAD_IN_FLIGHT=${LOAD_IN_FLIGHT:-4}    # pipelined creates per connection while loading
LIST_NAME=${LIST_NAME:-summit}         # name substring for B (~6 % of generated companies)
LIST_ORDERING=${LIST_ORDERING:--employees_count,name}
LIST_WARMUP=${LIST_WARMUP:-50}
LIST_REQUESTS=${LIST_REQUESTS:-300}
PHASES=${PHASES:-ABA}
SEED=${SEED:-42}
JSTACK_SAMPLES=${JSTACK_SAMPLES:-0}    # >0: jstack samples of Beacon during each create figure (kept in the run dir)
BEACON_HEAP=${BEACON_HEAP:-1g}
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}   # extra JVM options for Beacon, e.g. "-Xlog:gc:file=/tmp/gc.log"
SKIP_BUILD=${SKIP_BUILD:-0}

set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=target-bench
APP_JAR="$ROOT/gateway/$BUILD_DIR/gateway-0.1.0-SNAPSHOT-exec.jar"
BENCH_JAR="$ROOT/bench/$BUILD_DIR/beacon-bench.jar"

if [[ "$SKIP_BUILD" != 1 ]]; then
    echo "== building Beacon and the bench client (-Dbeacon.build.dir=$BUILD_DIR)"
    ./mvnw -q -B -DskipTests -Dbeacon.build.dir="$BUILD_DIR" package
    ./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dbeacon.build.dir="$BUILD_DIR"
fi
[[ -f "$APP_JAR" && -f "$BENCH_JAR" ]] || { echo "missing $APP_JAR or $BENCH_JAR" >&2; exit 1; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "no free port found" >&2; return 1
}

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d /tmp/beacon-bench-data.XXXXXX)
HTTP_PORT=$(free_port)
MONGO_PORT=$(free_port)
while [[ "$MONGO_PORT" == "$HTTP_PORT" ]]; do MONGO_PORT=$(free_port); done
ADMIN_EMAIL=bench-admin@bench.local
ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
WRITE_KEY="bench-key-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
BEACON_PID=

cleanup() {
    local rc=$?
    if [[ -n "$BEACON_PID" ]] && kill -0 "$BEACON_PID" 2>/dev/null; then
        echo "== stopping Beacon (pid $BEACON_PID)"
        kill "$BEACON_PID" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$BEACON_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$BEACON_PID" 2>/dev/null || true
    fi
    du -sh "$DATA_DIR" 2>/dev/null | sed 's/^/== embedded store size: /' || true
    rm -rf "$DATA_DIR"
    echo "== run directory: $RUN_DIR (beacon.log, results.txt)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting Beacon: http 127.0.0.1:$HTTP_PORT, embedded store 127.0.0.1:$MONGO_PORT, data $DATA_DIR"
# MANAGEMENT_HEALTH_MONGO_ENABLED=false: Spring Boot's Mongo health check sends `hello`, which the embedded
# mongo-java-server does not know. Beacon has turned it off itself since commit 591104b (its "store" indicator
# pings instead); setting it here as well lets the script also work on older checkouts.
env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$HTTP_PORT" \
    BEACON_DATA_DIR="$DATA_DIR" BEACON_EMBEDDED_MONGO_PORT="$MONGO_PORT" \
    BEACON_ADMIN_EMAIL="$ADMIN_EMAIL" BEACON_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    COMPANIES_WRITE_KEY="$WRITE_KEY" MANAGEMENT_HEALTH_MONGO_ENABLED=false \
    java -Xmx"$BEACON_HEAP" $BEACON_JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$APP_JAR" >"$RUN_DIR/beacon.log" 2>&1 &
BEACON_PID=$!

for i in $(seq 120); do
    if ! kill -0 "$BEACON_PID" 2>/dev/null; then
        echo "Beacon exited during start-up; last log lines:" >&2; tail -40 "$RUN_DIR/beacon.log" >&2; exit 1
    fi
    if curl -s --max-time 2 "http://127.0.0.1:$HTTP_PORT/actuator/health" | grep -q '^{"status":"UP"'; then
        echo "== Beacon is UP after ${i}s (pid $BEACON_PID)"
        break
    fi
    [[ $i == 120 ]] && { echo "Beacon not UP after 120 s" >&2; curl -s "http://127.0.0.1:$HTTP_PORT/actuator/health" >&2 || true; exit 1; }
    sleep 1
done

JSTACK_ARGS=()
if [[ "$JSTACK_SAMPLES" -gt 0 ]]; then
    JSTACK_ARGS=(--jstack-pid="$BEACON_PID" --jstack-dir="$RUN_DIR/jstack" --jstack-samples="$JSTACK_SAMPLES")
fi

java -Xmx1g -jar "$BENCH_JAR" \
    --base-url="http://127.0.0.1:$HTTP_PORT" --mongo-uri="mongodb://127.0.0.1:$MONGO_PORT" \
    --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" --write-key="$WRITE_KEY" \
    --companies="$COMPANIES" --duration-s="$DURATION_S" --warmup-s="$WARMUP_S" --initial-warmup-s="$INITIAL_WARMUP_S" --concurrency="$CONCURRENCY" \
    --load-connections="$LOAD_CONNECTIONS" --load-in-flight="$LOAD_IN_FLIGHT" \
    --list-name="$LIST_NAME" --list-ordering="$LIST_ORDERING" --list-warmup="$LIST_WARMUP" \
    --list-requests="$LIST_REQUESTS" --phases="$PHASES" --seed="$SEED" "${JSTACK_ARGS[@]}" \
    | tee "$RUN_DIR/results.txt"
