#!/usr/bin/env bash
# Beacon benchmark, issue 7 (bulk uploads): how fast an upload turns rows into companies, against create_company over
# WebSocket measured on the same Beacon in the same run. Builds Beacon and the load client, starts one Beacon on a
# fresh embedded store (free ports, new secrets, loopback only, -Xmx$BEACON_HEAP), runs io.beacon.bench.UploadBench
# and always stops Beacon.
#
#   bench/uploads.sh                                   # full run: 100,000 rows (about 15-20 min here, see bench/README.md)
#   ROWS=5000 DURATION_S=5 WARMUP_S=3 INITIAL_WARMUP_S=0 bench/uploads.sh   # smoke, ~2-3 min after the build
#   BASELINE_AFTER=0 bench/uploads.sh                  # baseline, upload only
#   MAVEN_ARGS=-o BEACON_BUILD_DIR=target-ubench bench/uploads.sh   # offline build into a private build directory
#   BUILD_FROM=HEAD bench/uploads.sh                   # Beacon built from a clean export of HEAD, not the working tree
#
# In one run, one Beacon process, one data directory:
#   1. baseline-1: create_company over WRITERS connections to /api/v1/companies/ws, at most IN_FLIGHT outstanding in all
#      (closed loop: each answer frees a slot for the next create), INITIAL_WARMUP_S + WARMUP_S unmeasured (the JIT of
#      a fresh Beacon), then DURATION_S measured.
#      Figure: success answers arriving in the measured window per second, and their latency (send → answer; the
#      answer waits for the read model). Each request is a CompanyData company with a per-run name prefix.
#   2. upload: a CSV of ROWS companies from the same generator with the same fields (header of API field names,
#      lists joined by ';', names "ub-<run tag>-<row> ..."), built before the baseline, posted to
#      POST /api/v1/uploads?type=companies (admin token, X-Companies-Write-Key). Measured: POST → 202 (the file
#      stored and counted); 202 → completed, from the status_update pushed on /api/v1/ws (subscribed to `uploads`
#      before the post), with GET /api/v1/uploads/{id} polled every POLL_MS meanwhile (the progress curve: rows/s per
#      WINDOW_S window from the polls); rows/s = rows / (202 → completed) and rows / (POST → completed). The upload's
#      worker does not wait for the read model (create_company's answer does), so the read model's frontier is
#      followed too: every POLL_MS the highest row whose company get_company finds (bisection between the last
#      frontier and the rows processed; row ids derived from the upload and row as Beacon derives them), until it
#      holds every row: rows / (POST → every row in the read model) is the figure comparable to create_company's
#      (whose answer waits for the read model). Checked: total_rows, rows_processed and rows_created = ROWS,
#      rows_failed = 0; right after completed, get_company for each of the last CHECK_LAST rows (completed should
#      mean every created record can be read); SAMPLE_ROWS of the rows' companies (first, last, random) read back
#      with their names; count_companies = everything created.
#   3. baseline-2 (BASELINE_AFTER=1, default): step 1 again (WARMUP_S, DURATION_S), on the store now holding the
#      upload's companies, once the read model has caught up.
# RATIO = upload rows/s ÷ create_company/s (the mean of the baselines), with the absolute numbers beside it.
# CPU: Beacon's from /proc/<pid>/stat (utime+stime), the client's, and the rest of the machine's from /proc/stat
# ("others": the machine is shared; a busy neighbour shows there), at each phase's ends and at each poll. Beacon's
# heap: jcmd GC.run, then /actuator/metrics jvm.memory.used{area=heap}, after each phase and at the end.
# Beacon runs with BEACON_ACCESS_TOKEN_TTL=$TOKEN_TTL (the channel connection is closed when its token expires).
# BUILD_FROM=<commit> builds Beacon from `git archive <commit>` in a temporary directory (others' unfinished edits in
# the working tree are left out; the results header says "clean export"); the client is built from the working tree.
#
# Output in bench/results/<UTC time>/: summary.txt (the table, the progress curve, the checks, the commit built),
# bench.log (the client's progress), beacon.log, baseline-<n>.csv (every create: send time, latency, ok),
# upload-polls.csv, upload-read-model.csv (the frontier), upload-windows.csv (both curves),
# upload-pushes.jsonl (every upload event received, with its receipt time),
# upload-202.json, upload-final.json, upload-head.csv (the CSV's first lines; all of it with KEEP_CSV=1).
#
# Knobs (environment):
ROWS=${ROWS:-100000}
WRITERS=${WRITERS:-8}                  # create_company connections
IN_FLIGHT=${IN_FLIGHT:-64}             # creates outstanding at most, all connections together
DURATION_S=${DURATION_S:-30}           # each baseline, measured
WARMUP_S=${WARMUP_S:-10}               # each baseline, before it is measured
INITIAL_WARMUP_S=${INITIAL_WARMUP_S:-30}   # added to baseline-1's warm-up: a fresh JVM creates several times slower
BASELINE_AFTER=${BASELINE_AFTER:-1}    # 1: baseline, upload, baseline again; 0: baseline, upload
POLL_MS=${POLL_MS:-500}                # GET /api/v1/uploads/{id} period during the upload
WINDOW_S=${WINDOW_S:-10}               # progress curve window
SAMPLE_ROWS=${SAMPLE_ROWS:-50}         # rows read back with get_company (names checked) after the upload
CHECK_LAST=${CHECK_LAST:-1024}         # last rows asked for with get_company right after completed
SEED=${SEED:-42}
UPLOAD_TIMEOUT_S=${UPLOAD_TIMEOUT_S:-3600}    # the longest wait for the upload to finish
READ_MODEL_WAIT_S=${READ_MODEL_WAIT_S:-1800}  # the longest wait, after completed, for every row in the read model
KEEP_CSV=${KEEP_CSV:-0}                # 1: keep the whole CSV in the results directory
KEEP_DATA=${KEEP_DATA:-0}              # 1: keep Beacon's data directory (printed at the end)
TOKEN_TTL=${TOKEN_TTL:-PT2H}
CLIENT_HEAP=${CLIENT_HEAP:-1g}
BEACON_HEAP=${BEACON_HEAP:-2g}
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}
SKIP_BUILD=${SKIP_BUILD:-0}             # with BUILD_FROM, only the client's build is skipped
BUILD_FROM=${BUILD_FROM:-}             # a commit to build Beacon from (clean export); empty: the working tree

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
SRC_DIR=
if [[ -n "$BUILD_FROM" ]]; then
    # The code measured: that commit, exported (read-only for git) and built apart from the working tree.
    COMMIT="$(git rev-parse --short "$BUILD_FROM") (clean export)"
    SRC_DIR=$(mktemp -d /tmp/beacon-uploads-src.XXXXXX)
    git archive "$BUILD_FROM" | tar -x -C "$SRC_DIR"
    APP_JAR="$SRC_DIR/gateway/$BUILD_DIR/gateway-0.1.0-SNAPSHOT-exec.jar"
    echo "== building Beacon from $COMMIT in $SRC_DIR (-Dbeacon.build.dir=$BUILD_DIR)"
    (cd "$SRC_DIR" && ./mvnw -q -B -DskipTests -Dbeacon.build.dir="$BUILD_DIR" package) || { rm -rf "$SRC_DIR"; exit 1; }
    if [[ "$SKIP_BUILD" != 1 ]]; then
        ./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dbeacon.build.dir="$BUILD_DIR"
    fi
    [[ -f "$APP_JAR" && -f "$BENCH_JAR" ]] || { echo "missing $APP_JAR or $BENCH_JAR" >&2; rm -rf "$SRC_DIR"; exit 1; }
else
    # The code measured: the commit built now (later commits during the run do not count).
    COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway command-side query-side shared-kernel || echo ' (with uncommitted changes)')"
    bench_build
fi

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
DATA_DIR=$(mktemp -d /tmp/beacon-uploads-data.XXXXXX)
STORE_SIZE=
cleanup() {
    local rc=$?
    stop_beacon 60
    if [[ "$KEEP_DATA" == 1 ]]; then echo "== data kept: $DATA_DIR"; else rm -rf "$DATA_DIR"; fi
    if [[ -n "$SRC_DIR" ]]; then rm -rf "$SRC_DIR"; fi
    echo "== run directory: $RUN_DIR (summary.txt, bench.log, beacon.log, raw data)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BEACON_ACCESS_TOKEN_TTL="$TOKEN_TTL"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
bench_ports_and_secrets
start_beacon 180
set +e
java -Xmx"$CLIENT_HEAP" -cp "$BENCH_JAR" io.beacon.bench.UploadBench \
    --base-url="http://127.0.0.1:$HTTP_PORT" --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" \
    --write-key="$WRITE_KEY" --beacon-pid="$BEACON_PID" --rows="$ROWS" --writers="$WRITERS" --in-flight="$IN_FLIGHT" \
    --duration-s="$DURATION_S" --warmup-s="$WARMUP_S" --initial-warmup-s="$INITIAL_WARMUP_S" \
    --baseline-after="$BASELINE_AFTER" --poll-ms="$POLL_MS" \
    --window-s="$WINDOW_S" --sample-rows="$SAMPLE_ROWS" --check-last="$CHECK_LAST" --seed="$SEED" --upload-timeout-s="$UPLOAD_TIMEOUT_S" \
    --read-model-wait-s="$READ_MODEL_WAIT_S" --keep-csv="$KEEP_CSV" --out-dir="$RUN_DIR" 2>&1 | tee "$RUN_DIR/bench.log"
RC=${PIPESTATUS[0]}
set -e
STORE_SIZE=$(du -sh "$DATA_DIR" 2>/dev/null | cut -f1)
{
    echo "==== SUMMARY ===="
    echo "bench/uploads.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores: ROWS=$ROWS WRITERS=$WRITERS IN_FLIGHT=$IN_FLIGHT" \
         "DURATION_S=$DURATION_S WARMUP_S=$WARMUP_S INITIAL_WARMUP_S=$INITIAL_WARMUP_S BASELINE_AFTER=$BASELINE_AFTER POLL_MS=$POLL_MS" \
         "Beacon -Xmx$BEACON_HEAP${BEACON_JAVA_OPTS:+ $BEACON_JAVA_OPTS}, commit $COMMIT"
    echo "load average (1/5/15 min) before Beacon started: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$RUN_DIR/figures.txt" 2>/dev/null || echo "no figures (UploadBench failed early; see bench.log)"
    echo "store: $DATA_DIR holds ${STORE_SIZE:-?} at the end"
    warns=$(grep -c ' WARN ' "$RUN_DIR/beacon.log" || true)
    errors=$(grep -c ' ERROR ' "$RUN_DIR/beacon.log" || true)
    echo "beacon.log: $warns WARN, $errors ERROR lines"
    # The most frequent kinds: level, logger and message (timestamp, pid and thread left out).
    grep -E ' (WARN|ERROR) ' "$RUN_DIR/beacon.log" | sed -E 's/^[^ ]+ +(WARN|ERROR) [0-9]+ --- \[[^]]*\] \[[^]]*\] /\1 /' \
        | cut -c1-220 | sort | uniq -c | sort -rn | head -8 | sed 's/^/  /' || true
    if grep -q 'OutOfMemoryError' "$RUN_DIR/beacon.log"; then echo "Beacon logged an OutOfMemoryError"; fi
    if [[ $RC != 0 ]]; then echo "UploadBench exited with $RC"; fi
} | tee "$RUN_DIR/summary.txt"
exit "$RC"
