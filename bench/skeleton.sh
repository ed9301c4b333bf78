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
source bench/beacon-run.sh
bench_build

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d /tmp/beacon-bench-data.XXXXXX)
bench_ports_and_secrets

cleanup() {
    local rc=$?
    stop_beacon 40
    du -sh "$DATA_DIR" 2>/dev/null | sed 's/^/== embedded store size: /' || true
    rm -rf "$DATA_DIR"
    echo "== run directory: $RUN_DIR (beacon.log, results.txt)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_beacon 120

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
