#!/usr/bin/env bash
# Beacon benchmark, issue 6: what slow consumers cost Beacon's heap (PRODUCT.md §7: "a client that stops reading is
# disconnected once its outbound buffer passes a bound; server memory stays bounded"). Builds Beacon and the load
# client, starts Beacon on a fresh embedded store (free ports, new secrets, loopback only), runs
# io.beacon.bench.SlowConsumerBench and always stops Beacon.
#
#   bench/slow-consumers.sh                                   # full run, about 7 minutes after the build
#   SUBSCRIBERS=20 PHASE_S=15 SAMPLE_S=5 bench/slow-consumers.sh   # smoke
#
# The same writes (create_company with ~39 KB of keywords, at WRITES_PER_S, one at a time) in four phases of PHASE_S:
# none (nobody subscribed: the baseline), reading (SUBSCRIBERS connections to /api/v1/ws reading everything),
# stalled (SUBSCRIBERS that stop reading once subscribed, 4 KB receive buffers), stalled-again (SUBSCRIBERS more),
# none-again (all of them gone: the baseline again, the store's page cache having grown with the data).
# Beacon's heap is read after `jcmd <pid> GC.run` at the end of each phase and every SAMPLE_S while stalled readers
# are connected, beside Beacon's own gauges (beacon.feed.queued.weight, beacon.websocket.send.buffered, …).
SUBSCRIBERS=${SUBSCRIBERS:-200}
WRITES_PER_S=${WRITES_PER_S:-20}
PHASE_S=${PHASE_S:-60}
SAMPLE_S=${SAMPLE_S:-15}
BEACON_HEAP=${BEACON_HEAP:-1g}
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}
SKIP_BUILD=${SKIP_BUILD:-0}

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
# The code measured: the commit built now (later commits during the run do not count).
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway command-side query-side shared-kernel || echo ' (with uncommitted changes)')"
bench_build

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d /tmp/beacon-slow-data.XXXXXX)
cleanup() {
    local rc=$?
    stop_beacon 60
    rm -rf "$DATA_DIR"
    echo "== run directory: $RUN_DIR (beacon.log, slow.log, results.txt)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BEACON_WS_MAX_CONNECTIONS_PER_IP=0
bench_ports_and_secrets
start_beacon 180
java -Xmx1g -cp "$BENCH_JAR" io.beacon.bench.SlowConsumerBench \
    --base-url="http://127.0.0.1:$HTTP_PORT" --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" \
    --write-key="$WRITE_KEY" --beacon-pid="$BEACON_PID" --subscribers="$SUBSCRIBERS" --writes-per-s="$WRITES_PER_S" \
    --phase-s="$PHASE_S" --sample-s="$SAMPLE_S" --figures-out="$RUN_DIR/figures.txt" 2>&1 | tee "$RUN_DIR/slow.log"
{
    echo "==== RESULTS ===="
    echo "bench/slow-consumers.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores: SUBSCRIBERS=$SUBSCRIBERS" \
         "WRITES_PER_S=$WRITES_PER_S PHASE_S=$PHASE_S Beacon -Xmx$BEACON_HEAP, commit $COMMIT"
    cat "$RUN_DIR/figures.txt"
    if grep -q 'OutOfMemoryError' "$RUN_DIR/beacon.log"; then echo "Beacon logged an OutOfMemoryError"; fi
} | tee "$RUN_DIR/results.txt"
