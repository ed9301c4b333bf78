#!/usr/bin/env bash
# Beacon benchmark, issue 6 (live feeds on the channel endpoint /api/v1/ws): builds Beacon and the load client,
# then for each mode starts Beacon on a fresh embedded store (free ports, new secrets, loopback only), runs
# io.beacon.bench.FeedBench and always stops Beacon. One JVM of JDK HttpClient WebSockets is the client.
#
#   bench/feeds.sh                                      # full run (about 15 min here, see bench/README.md)
#   SUBSCRIBERS=50 WRITES_PER_S=20 DURATION_S=10 WARMUP_S=5 IDLE_CAP=500 IDLE_BATCH=100 bench/feeds.sh   # smoke, ~2 min after the build
#   MODES=idle IDLE_CAP=12000 bench/feeds.sh            # one mode only
#
# push (Beacon -Xmx$BEACON_HEAP): SUBSCRIBERS connections to /api/v1/ws with one registered user's token, and an
#    admin writer sending update_company (a rename) round-robin over COMPANIES pre-created companies at WRITES_PER_S
#    (open loop, at most WRITE_IN_FLIGHT outstanding). After WARMUP_S (subscribed), ROUNDS x [U: DURATION_S with the
#    subscribers connected but not subscribed; S: DURATION_S with all subscribed to `companies`]. In both, ping→pong
#    round trips at PING_PER_S, round-robin over the subscriber connections.
#      push latency  = a subscriber's receipt of the event (matched by data.request_id = the write's request_id)
#                      minus the arrival of the write's success answer at the writer; over all (write, subscriber)
#      fan-out       = first to last subscriber receipt of one event
#      baselines     = ping RTT on the same connections in the same S blocks (ratio push/ping), the write answer
#                      latency of the U blocks (ratio push/write, and S/U: what the fan-out costs the write)
#    If the achieved rate is below FALLBACK_BELOW x WRITES_PER_S, the rounds run again at the achieved rate.
# idle (Beacon -Xmx$IDLE_HEAP): idle connections (subscribed to `companies` unless IDLE_SUBSCRIBE=0) opened in
#    batches of IDLE_BATCH up to IDLE_CAP (lowered to the open-files limit - 512 and the ephemeral ports - 1024);
#    after each batch a fresh connection must open and answer a ping within IDLE_PROBE_TIMEOUT_MS, then Beacon's
#    heap is read (/actuator/metrics jvm.memory.used area:heap, after jcmd GC.run unless IDLE_GC=0) and one
#    update_company is fanned out to all of them (answer → last receipt). Stops at the first failure or the cap.
#
# Beacon runs with BEACON_WS_MAX_CONNECTIONS_PER_IP=0 (all connections come from 127.0.0.1; the default allows 100),
# BEACON_ACCESS_TOKEN_TTL=$TOKEN_TTL (channel connections are closed when their token expires) and, in idle mode,
# server.tomcat.max-connections=$TOMCAT_MAX_CONNECTIONS (Spring Boot's default, 8192, would cap the count first).
# The script raises `ulimit -n` to OPEN_FILES (or to the hard limit) for Beacon and the client, and says so.
#
# Knobs (environment):
MODES=${MODES:-push idle}
SUBSCRIBERS=${SUBSCRIBERS:-1000}
WRITES_PER_S=${WRITES_PER_S:-500}
DURATION_S=${DURATION_S:-30}           # each U and each S block
WARMUP_S=${WARMUP_S:-15}               # subscribed, at WRITES_PER_S, not measured
ROUNDS=${ROUNDS:-2}                    # U,S pairs per rate
COMPANIES=${COMPANIES:-1000}           # companies created (create_company/s) and then renamed round-robin; few = hot aggregates
WRITER_CONNECTIONS=${WRITER_CONNECTIONS:-8}   # raised to WRITES_PER_S/80 (the action endpoint's 6,000 messages/min per connection)
WRITE_IN_FLIGHT=${WRITE_IN_FLIGHT:-64} # outstanding writes at most (all writer connections)
PING_PER_S=${PING_PER_S:-20}           # ping probes per second (at most one per subscriber per second: 100 messages/min each)
FALLBACK_BELOW=${FALLBACK_BELOW:-0.9}  # achieved < this x target: the rounds again at the achieved rate; 0: never
DRAIN_MAX_S=${DRAIN_MAX_S:-60}         # longest wait for the last pushes of a block
CLIENTS=${CLIENTS:-4}                  # JDK HttpClients (selector threads) the subscriber connections are spread over
OPEN_PARALLEL=${OPEN_PARALLEL:-64}     # WebSocket handshakes at a time
IDLE_CAP=${IDLE_CAP:-20000}
IDLE_BATCH=${IDLE_BATCH:-1000}
IDLE_SUBSCRIBE=${IDLE_SUBSCRIBE:-1}    # 1: idle connections subscribed to companies (needed for the fan-out figure)
IDLE_PROBE_TIMEOUT_MS=${IDLE_PROBE_TIMEOUT_MS:-2000}
IDLE_GC=${IDLE_GC:-1}                  # 1: jcmd <beacon pid> GC.run before each heap reading
IDLE_HEAP=${IDLE_HEAP:-1g}
TOMCAT_MAX_CONNECTIONS=${TOMCAT_MAX_CONNECTIONS:-30000}   # idle mode; empty: Spring Boot's default (8192)
OPEN_FILES=${OPEN_FILES:-65535}
TOKEN_TTL=${TOKEN_TTL:-PT2H}
CLIENT_HEAP=${CLIENT_HEAP:-3g}            # the client keeps every (write, subscriber) receipt of a rate until it is reported
BEACON_HEAP=${BEACON_HEAP:-2g}         # push mode
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}   # extra JVM options for Beacon (both modes)
SKIP_BUILD=${SKIP_BUILD:-0}

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
bench_build

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
DATA_DIR=
NOTES=()

if ulimit -n "$OPEN_FILES" 2>/dev/null; then
    NOTES+=("open files: ulimit -n $OPEN_FILES")
else
    hard=$(ulimit -Hn)
    ulimit -n "$hard" 2>/dev/null || true
    NOTES+=("open files: ulimit -n $OPEN_FILES failed (hard limit $hard); running with $(ulimit -n)")
fi
echo "== ${NOTES[0]}"
FD_LIMIT=$(ulimit -n)

cleanup() {
    local rc=$?
    stop_beacon 60
    if [[ -n "$DATA_DIR" ]]; then rm -rf "$DATA_DIR"; fi
    echo "== run directory: $RUN_DIR (beacon-<mode>.log, results.txt)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BEACON_WS_MAX_CONNECTIONS_PER_IP=0
export BEACON_ACCESS_TOKEN_TTL="$TOKEN_TTL"
EXTRA_OPTS="$BEACON_JAVA_OPTS"
PUSH_HEAP="$BEACON_HEAP"
RC=0
for MODE in $MODES; do
    DATA_DIR=$(mktemp -d /tmp/beacon-feeds-data.XXXXXX)
    bench_ports_and_secrets
    if [[ "$MODE" == idle ]]; then
        BEACON_HEAP="$IDLE_HEAP"
        BEACON_JAVA_OPTS="$EXTRA_OPTS${TOMCAT_MAX_CONNECTIONS:+ -Dserver.tomcat.max-connections=$TOMCAT_MAX_CONNECTIONS}"
    else
        BEACON_HEAP="$PUSH_HEAP"
        BEACON_JAVA_OPTS="$EXTRA_OPTS"
    fi
    echo "== mode $MODE: Beacon -Xmx$BEACON_HEAP $BEACON_JAVA_OPTS"
    start_beacon 180
    set +e
    java -Xmx"$CLIENT_HEAP" -cp "$BENCH_JAR" io.beacon.bench.FeedBench --mode="$MODE" \
        --base-url="http://127.0.0.1:$HTTP_PORT" \
        --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" --write-key="$WRITE_KEY" \
        --subscribers="$SUBSCRIBERS" --writes-per-s="$WRITES_PER_S" --duration-s="$DURATION_S" --warmup-s="$WARMUP_S" \
        --rounds="$ROUNDS" --companies="$COMPANIES" --writer-connections="$WRITER_CONNECTIONS" \
        --write-in-flight="$WRITE_IN_FLIGHT" --ping-per-s="$PING_PER_S" --fallback-below="$FALLBACK_BELOW" \
        --drain-max-s="$DRAIN_MAX_S" --clients="$CLIENTS" --open-parallel="$OPEN_PARALLEL" \
        --idle-cap="$IDLE_CAP" --idle-batch="$IDLE_BATCH" --idle-subscribe="$IDLE_SUBSCRIBE" \
        --idle-probe-timeout-ms="$IDLE_PROBE_TIMEOUT_MS" --idle-gc="$IDLE_GC" --beacon-heap="$BEACON_HEAP" \
        --beacon-pid="$BEACON_PID" --fd-limit="$FD_LIMIT" --figures-out="$RUN_DIR/$MODE.figures" \
        2>&1 | tee -a "$RUN_DIR/$MODE.log"
    rc=${PIPESTATUS[0]}
    set -e
    if [[ $rc != 0 ]]; then RC=$rc; echo "== mode $MODE: FeedBench exited with $rc"; fi
    if grep -q 'OutOfMemoryError' "$RUN_DIR/beacon.log"; then
        NOTES+=("mode $MODE: Beacon logged an OutOfMemoryError (see beacon-$MODE.log)")
    fi
    stop_beacon 60
    BEACON_PID=
    mv "$RUN_DIR/beacon.log" "$RUN_DIR/beacon-$MODE.log"
    rm -rf "$DATA_DIR"
    DATA_DIR=
done

{
    echo
    echo "==== RESULTS ===="
    echo "bench/feeds.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores: SUBSCRIBERS=$SUBSCRIBERS WRITES_PER_S=$WRITES_PER_S" \
         "DURATION_S=$DURATION_S WARMUP_S=$WARMUP_S ROUNDS=$ROUNDS IDLE_CAP=$IDLE_CAP IDLE_BATCH=$IDLE_BATCH" \
         "IDLE_SUBSCRIBE=$IDLE_SUBSCRIBE IDLE_HEAP=$IDLE_HEAP push heap=$PUSH_HEAP"
    for MODE in $MODES; do
        echo "[$MODE]"
        cat "$RUN_DIR/$MODE.figures" 2>/dev/null || echo "no figures (FeedBench failed early; see $MODE.log)"
    done
    printf '%s\n' "${NOTES[@]}"
} | tee "$RUN_DIR/results.txt"
exit "$RC"
