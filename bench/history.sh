#!/usr/bin/env bash
# Beacon benchmark, issue 8 (audit trail): get_company_history latency for a company with EVENTS (1,000) events,
# against get_company of the same company on the same connections, interleaved, in the same run (the machine is
# noisy and shared: compare the ratios, the absolute numbers are beside them). Black-box: io.beacon.bench.HistoryBench
# in the bench jar talks to Beacon over WebSocket only.
#
#   bench/history.sh                                  # 1 create + 999 updates, 50 warm-up + 200 measured rounds
#   REQUESTS=50 WARMUP=10 EVENTS=200 bench/history.sh # smoke
#   DATA_DIR=/tmp/replay-200k bench/history.sh        # on an existing store (e.g. one bench/replay.sh prepared;
#                                                     # the company and its events are added to it)
#   SKIP_BUILD=1 bench/history.sh                     # the jars of the last build (bench/results/history-jars/)
#   BUILD_FROM=HEAD bench/history.sh                  # Beacon built from a clean export of HEAD
#
# One Beacon (-Xmx$BEACON_HEAP, loopback, free ports, new secrets), on a fresh embedded store unless DATA_DIR is given:
#   1. load: create_company, then EVENTS-1 update_company (admin + write key, expected_version), one at a time, each
#      changing 1-3 fields (head count, money, name, a list field, address, metadata);
#   2. checks: the history holds EVENTS events (sequences 0.., next_sequence null), get_company is at version EVENTS;
#   3. sequential: one connection, WARMUP rounds unmeasured, then REQUESTS rounds of {get_company_history,
#      get_company} (order alternating per round), latency = send -> answer received;
#   4. concurrent: CONCURRENCY connections doing 3 at once.
# RATIO = history / get_company for p50, p95, p99 and the mean, per mode.
#
# Output in bench/results/<UTC time>/: summary.md, bench.log, beacon.log, figures.txt, calls.csv (every measured
# call: mode, kind, connection, round, latency in µs, answer size), load.csv (load average every 5 s).
#
# Knobs (environment):
EVENTS=${EVENTS:-1000}
WARMUP=${WARMUP:-50}
REQUESTS=${REQUESTS:-200}
CONCURRENCY=${CONCURRENCY:-4}
SEED=${SEED:-42}
DATA_DIR=${DATA_DIR:-}                # empty: a fresh store in a temporary directory, removed at the end
BEACON_HEAP=${BEACON_HEAP:-2g}
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}
CLIENT_HEAP=${CLIENT_HEAP:-512m}
NICE=${NICE:-10}                      # nice level of Beacon and the client (0: none)
SKIP_BUILD=${SKIP_BUILD:-0}
BUILD_FROM=${BUILD_FROM:-}
BEACON_BUILD_DIR=${BEACON_BUILD_DIR:-target-bench}
MVN_ARGS=${MVN_ARGS:--o}              # extra Maven arguments of the build (default: offline)

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
JARS="$ROOT/bench/results/history-jars"
mkdir -p "$ROOT/bench/results"

if [[ "$SKIP_BUILD" != 1 ]]; then
    bench_source
    echo "== building Beacon and the bench client from $COMMIT (-Dbeacon.build.dir=$BEACON_BUILD_DIR)"
    (cd "$SRC" && run_nice ./mvnw -q -B $MVN_ARGS -Pbench -pl gateway,bench -am package -Dmaven.test.skip=true \
        -Dbeacon.build.dir="$BEACON_BUILD_DIR") || { bench_source_done; exit 1; }
    rm -rf "$JARS" && mkdir -p "$JARS"
    cp "$SRC/gateway/$BEACON_BUILD_DIR/gateway-0.1.0-SNAPSHOT-exec.jar" "$SRC/bench/$BEACON_BUILD_DIR/beacon-bench.jar" "$JARS/"
    echo "$COMMIT" > "$JARS/commit.txt"
    bench_source_done
fi
[[ -f "$JARS/gateway-0.1.0-SNAPSHOT-exec.jar" && -f "$JARS/beacon-bench.jar" ]] \
    || { echo "missing jars in $JARS (build without SKIP_BUILD=1)" >&2; exit 1; }
COMMIT=$(cat "$JARS/commit.txt")
APP_JAR="$JARS/gateway-0.1.0-SNAPSHOT-exec.jar"
BENCH_JAR="$JARS/beacon-bench.jar"

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
FRESH_DATA=
if [[ -z "$DATA_DIR" ]]; then
    DATA_DIR=$(mktemp -d /tmp/beacon-history-data.XXXXXX)
    FRESH_DATA=1
fi
SAMPLER_PID=
cleanup() {
    local rc=$?
    stop_beacon 60
    if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    if [[ -n "$FRESH_DATA" ]]; then rm -rf "$DATA_DIR"; fi
    echo "== run directory: $RUN_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

( while true; do echo "$(date +%s),$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')"; sleep 5; done ) > "$RUN_DIR/load.csv" &
SAMPLER_PID=$!
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
bench_ports_and_secrets
if [[ -z "$FRESH_DATA" ]]; then
    # A kept store has its admin already (Beacon creates BEACON_ADMIN_EMAIL only when absent): one of this run's own.
    ADMIN_EMAIL="bench-admin-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')@bench.local"
fi
export BEACON_ACCESS_TOKEN_TTL=PT2H
BEACON_NICE=$NICE start_beacon 600
set +e
run_nice java -Xmx"$CLIENT_HEAP" -cp "$BENCH_JAR" io.beacon.bench.HistoryBench \
    --base-url="http://127.0.0.1:$HTTP_PORT" --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" \
    --write-key="$WRITE_KEY" --events="$EVENTS" --warmup="$WARMUP" --requests="$REQUESTS" \
    --concurrency="$CONCURRENCY" --seed="$SEED" --out-dir="$RUN_DIR" 2>&1 | tee "$RUN_DIR/bench.log"
RC=${PIPESTATUS[0]}
set -e
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "# bench/history.sh: get_company_history against get_company"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; commit $COMMIT; Beacon -Xmx$BEACON_HEAP${BEACON_JAVA_OPTS:+ $BEACON_JAVA_OPTS};" \
         "EVENTS=$EVENTS WARMUP=$WARMUP REQUESTS=$REQUESTS CONCURRENCY=$CONCURRENCY; store: ${FRESH_DATA:+fresh }$DATA_DIR"
    echo
    python3 - "$RUN_DIR/figures.txt" "$RUN_DIR/load.csv" <<'EOF'
import re, statistics, sys
import os
lines = open(sys.argv[1]).read().splitlines() if os.path.exists(sys.argv[1]) else ["no figures (HistoryBench failed early; see bench.log)"]
rows = {}
for l in lines:
    m = re.match(r"(\S+) (history|get_company): n=(\d+) p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) mean=([\d.]+) max=([\d.]+) ms", l)
    if m:
        rows.setdefault(m.group(1), {})[m.group(2)] = [float(x) for x in m.group(4, 5, 6, 7, 8)] + [int(m.group(3))]
if rows:
    print("| mode | call | n | p50 ms | p95 ms | p99 ms | mean ms | max ms |")
    print("|---|---|---|---|---|---|---|---|")
    for mode, r in rows.items():
        for call in ("history", "get_company"):
            if call in r:
                v = r[call]
                print("| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |" % (mode, "get_company_history" if call == "history" else call, v[5], *v[:5]))
        if "history" in r and "get_company" in r:
            h, g = r["history"], r["get_company"]
            print("| %s | **ratio history ÷ get_company** | | **%.1f** | **%.1f** | **%.1f** | **%.1f** | |" % (mode, h[0] / g[0], h[1] / g[1], h[2] / g[2], h[3] / g[3]))
    print()
loads = [float(l.split(",")[1]) for l in open(sys.argv[2]) if l.count(",") >= 3]
if loads:
    print("Load average during the run (1-min, every 5 s): mean %.1f, min %.1f, max %.1f" % (statistics.mean(loads), min(loads), max(loads)))
    print()
for l in lines:
    print("- " + l)
EOF
    echo
    echo "load average (1/5/15 min) at the start: $LOAD_START; at the end: $LOAD_END"
    echo "beacon.log: $(grep -c ' WARN ' "$RUN_DIR/beacon.log" || true) WARN, $(grep -c ' ERROR ' "$RUN_DIR/beacon.log" || true) ERROR lines"
    if [[ $RC != 0 ]]; then echo "HistoryBench exited with $RC"; fi
} | tee "$RUN_DIR/summary.md"
exit "$RC"
