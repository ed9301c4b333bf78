#!/usr/bin/env bash
# Beacon benchmark, issue 8 (replay into new projections): how fast `java -jar gateway.jar replay companies` rebuilds
# the companies read model from a long event history, against how fast the same events can merely be read through
# the event store, measured in the same run (the machine is noisy and shared: compare the ratio, the absolute
# numbers are beside it).
#
#   bench/replay.sh                                   # EVENTS=1000000 (needs tens of GB of disk, see bench/README.md)
#   EVENTS=20000 bench/replay.sh                      # smoke, a few minutes after the build
#   DATA_DIR=/tmp/replay-200k EVENTS=200000 bench/replay.sh   # keep the prepared store there; the same command again
#                                                     # measures on it without preparing it again
#   SKIP_BUILD=1 bench/replay.sh                      # use the jars of the last build (bench/results/replay-jars/)
#   BUILD_FROM=HEAD bench/replay.sh                   # Beacon built from a clean export of HEAD, not the working tree
#
# One run, one data directory:
#   a. prepare (once per DATA_DIR): io.beacon.bench.store.ReplayData writes EVENTS events of companies and contacts
#      (ReplayHistory: creations, updates of 1-3 fields incl. list fields and metadata, deletions with the contact
#      cascade, contacts created/updated/deleted; one commit per command, encoded by Beacon's own engine code and
#      event serializer, contacts' personal values encrypted under their keys; counters and company snapshots
#      as Beacon leaves them) into a fresh embedded store, with Beacon started in that JVM and its processors
#      stopped. Marker: DATA_DIR/bench-replay-data.properties.
#   b. catch up (once per DATA_DIR): Beacon started as a server on it; its live processors project everything
#      from the first event. /actuator/health (projections: position, lag) is read every POLL_S until every
#      processor is at the head; then Beacon is stopped. Figure: live catch-up events/s of `companies`.
#      Marker: DATA_DIR/bench-replay-caughtup.properties. CATCHUP=0 skips it: io.beacon.bench.store.TokensAtHead
#      moves the live processors' tokens to the head without handling the events, so the replay runs beside idle
#      live processors on a store whose live read models were never built (the same reads and writes for the
#      replay, which fills a new generation either way; a 1,000,000-event catch-up alone takes over an hour here).
#   c. COMPACT=1 (default): the store file is compacted offline (H2 MVStoreTool), so each run starts from the same
#      file layout and the disk holds out (the file grows by ~20 KB per projected event here, see bench/README.md);
#      again before the second baseline, so both baselines read the layout the replay started from.
#   d. baseline "before": io.beacon.bench.store.ReadRate in Beacon's application on the directory: a tracking
#      processor built like the replay's (single thread, batch beacon.projections.replay-batch-size, event store,
#      token store) with a no-op handler of every event, from the first event to the head (read_processor), and
#      `events` read by _id in windows of 2,048 positions (read_raw).
#   e. the replay: `java -Xmx$BEACON_HEAP -jar gateway-*-exec.jar replay companies --beacon.data-dir=DATA_DIR`,
#      progress (stderr) into replay-progress.log, result (stdout) into replay-stdout.log, wall time, CPU, max RSS.
#   f. baseline "after": d again, on the store the replay left.
# RATIO = replay events/s (the command's own: events ÷ its elapsed time, as its last progress line and its result
# print it) ÷ read_processor events/s (mean of before and after); also ÷ read_raw. The load average is sampled
# every 10 s throughout (load.csv) and summarized per phase.
#
# Output in bench/results/<UTC time>/: summary.md (table, figures, load), replay-progress.log, replay-stdout.log,
# read-before.log, read-after.log, jstack/ (samples of the replay's JVM), catchup.csv + beacon-catchup.log (when b ran in this run), generate.log (when a
# ran), load.csv, store-size.txt.
#
# Knobs (environment):
EVENTS=${EVENTS:-1000000}
SEED=${SEED:-42}
DATA_DIR=${DATA_DIR:-}                 # default: bench/results/replay-data/e<EVENTS>-s<SEED>
PROJECTION=${PROJECTION:-companies}
BEACON_HEAP=${BEACON_HEAP:-2g}         # heap of every JVM that runs Beacon here (server, CLI, read baseline)
GEN_HEAP=${GEN_HEAP:-3g}               # the generator (holds every company's state)
POLL_S=${POLL_S:-5}                    # catch-up: health poll period
CATCHUP_TIMEOUT_S=${CATCHUP_TIMEOUT_S:-14400}
CATCHUP=${CATCHUP:-1}
COMPACT=${COMPACT:-1}
BASELINE_AFTER=${BASELINE_AFTER:-1}
NICE=${NICE:-10}                       # nice level of every process started here (0: none)
JSTACK_EVERY_S=${JSTACK_EVERY_S:-20}   # during the replay, a jstack of the command's JVM this often (0: none)
SKIP_BUILD=${SKIP_BUILD:-0}
BUILD_FROM=${BUILD_FROM:-}
BEACON_BUILD_DIR=${BEACON_BUILD_DIR:-target-bench}
MVN_ARGS=${MVN_ARGS:--o}               # extra Maven arguments of the build (default: offline)
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}  # extra options of the catch-up server

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
JARS="$ROOT/bench/results/replay-jars"   # the jars measured, copied aside so a later build cannot change them mid-run
mkdir -p "$ROOT/bench/results"

if [[ "$SKIP_BUILD" != 1 ]]; then
    bench_source
    echo "== building Beacon and bench/event-store from $COMMIT (-Dbeacon.build.dir=$BEACON_BUILD_DIR)"
    (cd "$SRC" && run_nice ./mvnw -q -B $MVN_ARGS -Pbench -pl bench/event-store -am package -Dmaven.test.skip=true \
        -Dbeacon.build.dir="$BEACON_BUILD_DIR") || { bench_source_done; exit 1; }
    rm -rf "$JARS" && mkdir -p "$JARS/lib"
    cp "$SRC/gateway/$BEACON_BUILD_DIR/gateway-0.1.0-SNAPSHOT-exec.jar" "$JARS/"
    cp "$SRC/bench/event-store/$BEACON_BUILD_DIR/bench-event-store.jar" "$JARS/"
    # The run classpath: the module jars of this build copied too, the rest from the local Maven repository.
    : > "$JARS/classpath.txt"
    for jar in $(tr ':' '\n' < "$SRC/bench/event-store/$BEACON_BUILD_DIR/classpath.txt"); do
        if [[ "$jar" == "$SRC"/* ]]; then cp "$jar" "$JARS/lib/"; jar="$JARS/lib/$(basename "$jar")"; fi
        printf '%s:' "$jar" >> "$JARS/classpath.txt"
    done
    echo "$COMMIT" > "$JARS/commit.txt"
    bench_source_done
fi
[[ -f "$JARS/gateway-0.1.0-SNAPSHOT-exec.jar" && -f "$JARS/bench-event-store.jar" ]] \
    || { echo "missing jars in $JARS (build without SKIP_BUILD=1)" >&2; exit 1; }
COMMIT=$(cat "$JARS/commit.txt")
APP_JAR="$JARS/gateway-0.1.0-SNAPSHOT-exec.jar"
TOOL_CP="$JARS/bench-event-store.jar:$(cat "$JARS/classpath.txt")"
H2_JAR=$(tr ':' '\n' < "$JARS/classpath.txt" | grep '/h2-[0-9.]*\.jar$' | head -1)

DATA_DIR=${DATA_DIR:-$ROOT/bench/results/replay-data/e$EVENTS-s$SEED}
RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
echo "== run directory: $RUN_DIR; data: $DATA_DIR"

SAMPLER_PID=
cleanup() {
    local rc=$?
    stop_beacon 120
    if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    echo "== run directory: $RUN_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Load average and the store's size every 10 s, all run long; phases are marked in phases.csv.
( while true; do
      echo "$(date +%s),$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ','),$(du -sm "$DATA_DIR" 2>/dev/null | cut -f1)"
      sleep 10
  done ) > "$RUN_DIR/load.csv" &
SAMPLER_PID=$!
phase() { echo "$(date +%s.%N),$1,$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')" >> "$RUN_DIR/phases.csv"; }
java_timed() {  # java_timed <name> <java args...>: runs java under /usr/bin/time, resources into <name>.time
    local name=$1; shift
    if [[ -x /usr/bin/time ]]; then
        run_nice /usr/bin/time -v -o "$RUN_DIR/$name.time" java "$@"
    else
        run_nice java "$@"
    fi
}

# ---- a. prepare
if [[ ! -f "$DATA_DIR/bench-replay-data.properties" ]]; then
    if [[ -d "$DATA_DIR" && -n "$(ls -A "$DATA_DIR")" ]]; then
        echo "$DATA_DIR exists and holds no generated data; remove it or choose another DATA_DIR" >&2; exit 1
    fi
    echo "== a. generating $EVENTS events (seed $SEED) into $DATA_DIR"
    phase generate-start
    java_timed generate -Xmx"$GEN_HEAP" -Daxoniq.update-checker.disabled=true -cp "$TOOL_CP" \
        io.beacon.bench.store.ReplayData --data-dir="$DATA_DIR" --events="$EVENTS" --seed="$SEED" \
        > "$RUN_DIR/generate.log" 2>&1 || { tail -40 "$RUN_DIR/generate.log" >&2; exit 1; }
    phase generate-end
    grep -v '^[0-9:. ]*\(INFO\|WARN\)' "$RUN_DIR/generate.log" | grep '^#\|^data:' | tail -40
fi
GEN_EVENTS=$(sed -n 's/^events=//p' "$DATA_DIR/bench-replay-data.properties")
if [[ "$GEN_EVENTS" != "$EVENTS" ]]; then
    echo "$DATA_DIR holds $GEN_EVENTS generated events, not EVENTS=$EVENTS" >&2; exit 1
fi

# ---- b. live catch-up
health_line() {  # one CSV line per processor: t,name,status,position,head,lag
    # One request at a time, waited for: under a catch-up the projections' health took up to 36 s here, and
    # requests given up on by the client keep running in Beacon and pile up.
    curl -s --max-time 180 "http://127.0.0.1:$HTTP_PORT/actuator/health" | python3 -c '
import json, sys, time
now = time.time()
try:
    details = json.load(sys.stdin)["components"]["projections"]["details"]
except Exception:
    sys.exit(0)
for name, p in sorted(details.items()):
    position, lag = p.get("position"), p.get("lag_events")
    head = position + lag if isinstance(position, int) and isinstance(lag, int) else ""
    print("%.3f,%s,%s,%s,%s,%s" % (now, name, p.get("status"), position, head, lag))
'
}
if [[ "$CATCHUP" == 0 && ! -f "$DATA_DIR/bench-replay-caughtup.properties" ]]; then
    echo "== b. live catch-up skipped (CATCHUP=0): the live processors' tokens are moved to the head unhandled"
    phase tokens-at-head-start
    run_nice java -Xmx"$BEACON_HEAP" -Daxoniq.update-checker.disabled=true -cp "$TOOL_CP" \
        io.beacon.bench.store.TokensAtHead --data-dir="$DATA_DIR" > "$RUN_DIR/tokens-at-head.log" 2>&1 \
        || { tail -40 "$RUN_DIR/tokens-at-head.log" >&2; exit 1; }
    phase tokens-at-head-end
    grep '^#' "$RUN_DIR/tokens-at-head.log"
elif [[ ! -f "$DATA_DIR/bench-replay-caughtup.properties" ]]; then
    echo "== b. live catch-up: Beacon started on the store; its processors project from the first event"
    bench_ports_and_secrets
    SKIP_BUILD=1
    phase catchup-start
    CATCHUP_T0=$(date +%s.%N)
    BEACON_NICE=$NICE start_beacon 600
    mv "$RUN_DIR/beacon.log" "$RUN_DIR/beacon-catchup.log" 2>/dev/null || true
    echo "t,processor,status,position,head,lag" > "$RUN_DIR/catchup.csv"
    deadline=$(( $(date +%s) + CATCHUP_TIMEOUT_S ))
    last_report=0
    while true; do
        lines=$(health_line || true)
        [[ -n "$lines" ]] && echo "$lines" >> "$RUN_DIR/catchup.csv"
        behind=$(echo "$lines" | awk -F, 'NF>=6 && $6 != "0" {n++} END {print n+0}')
        if [[ -n "$lines" && "$behind" == 0 ]]; then break; fi
        if (( $(date +%s) > deadline )); then echo "catch-up not done after $CATCHUP_TIMEOUT_S s" >&2; exit 1; fi
        if (( $(date +%s) - last_report >= 60 )); then
            last_report=$(date +%s)
            echo "   $(echo "$lines" | awk -F, '{printf "%s %s/%s  ", $2, $4, $5}')"
        fi
        sleep "$POLL_S"
    done
    CATCHUP_T1=$(date +%s.%N)
    phase catchup-end
    stop_beacon 120
    BEACON_PID=
    python3 - "$RUN_DIR/catchup.csv" "$CATCHUP_T0" "$CATCHUP_T1" "$DATA_DIR/bench-replay-caughtup.properties" <<'EOF'
import csv, sys
path, t0, t1, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = [r for r in csv.DictReader(open(path))]
lines = []
for name in sorted({r["processor"] for r in rows}):
    mine = [r for r in rows if r["processor"] == name]
    first = mine[0]
    done = next((r for r in mine if r["lag"] == "0"), mine[-1])
    head = int(done["head"] or done["position"])
    # from the first reading (Beacon UP) to the first reading at the head
    span = float(done["t"]) - float(first["t"])
    moved = int(done["position"]) - int(first["position"])
    lines.append("catchup.%s.events=%d" % (name, head))
    lines.append("catchup.%s.seconds_from_start=%.1f" % (name, float(done["t"]) - t0))
    lines.append("catchup.%s.events_per_second_from_start=%.1f" % (name, head / max(1e-9, float(done["t"]) - t0)))
    if span > 0 and moved > 0:
        lines.append("catchup.%s.events_per_second_polled=%.1f" % (name, moved / span))
lines.append("catchup.wall_seconds=%.1f" % (t1 - t0))
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join("   " + l for l in lines))
EOF
fi

# ---- c. compact
compact() {  # compact <label>: H2's offline compaction of the store file (COMPACT=1)
    if [[ "$COMPACT" == 1 && -n "$H2_JAR" ]]; then
        local before
        before=$(du -sm "$DATA_DIR" | cut -f1)
        phase "compact-$1-start"
        run_nice java -cp "$H2_JAR" org.h2.mvstore.MVStoreTool -compact "$DATA_DIR/beacon.mv" >> "$RUN_DIR/compact.log" 2>&1
        phase "compact-$1-end"
        echo "== store compacted ($1): ${before} MB -> $(du -sm "$DATA_DIR" | cut -f1) MB"
        echo "compacted $1: ${before} MB -> $(du -sm "$DATA_DIR" | cut -f1) MB" >> "$RUN_DIR/store-size.txt"
    fi
}
compact "before the baseline and the replay"

# ---- d/e/f. baseline, replay, baseline
read_rate() {  # read_rate <label>
    phase "read-$1-start"
    java_timed "read-$1" -Xmx"$BEACON_HEAP" -Daxoniq.update-checker.disabled=true -cp "$TOOL_CP" \
        io.beacon.bench.store.ReadRate --data-dir="$DATA_DIR" --label="$1" > "$RUN_DIR/read-$1.log" 2>&1 \
        || { tail -40 "$RUN_DIR/read-$1.log" >&2; exit 1; }
    phase "read-$1-end"
    grep "^$1 read_" "$RUN_DIR/read-$1.log" | sed 's/^/   /'
}
echo "== d. baseline before: reading the events through the event store"
read_rate before

echo "== e. java -jar gateway.jar replay $PROJECTION"
phase replay-start
REPLAY_T0=$(date +%s.%N)
JSTACK_PID=
if [[ "$JSTACK_EVERY_S" != 0 ]] && command -v jstack > /dev/null; then
    # Where the replay's time goes: jstack samples of the command's JVM (found by its command line; only read).
    mkdir -p "$RUN_DIR/jstack"
    ( n=0; sleep "$JSTACK_EVERY_S"
      while pid=$(pgrep -n -f "exec.jar replay $PROJECTION --beacon.data-dir=$DATA_DIR"); do
          n=$((n + 1)); jstack "$pid" > "$RUN_DIR/jstack/replay-$n.txt" 2>/dev/null || true; sleep "$JSTACK_EVERY_S"
      done ) &
    JSTACK_PID=$!
fi
set +e
java_timed replay -Xmx"$BEACON_HEAP" -jar "$APP_JAR" replay "$PROJECTION" --beacon.data-dir="$DATA_DIR" \
    > "$RUN_DIR/replay-stdout.log" 2> "$RUN_DIR/replay-progress.log"
REPLAY_RC=$?
set -e
REPLAY_T1=$(date +%s.%N)
phase replay-end
if [[ -n "$JSTACK_PID" ]]; then kill "$JSTACK_PID" 2>/dev/null || true; fi
cat "$RUN_DIR/replay-stdout.log" | sed 's/^/   /'
tail -3 "$RUN_DIR/replay-progress.log" | sed 's/^/   /'
if [[ "$REPLAY_RC" != 0 ]]; then echo "the replay command exited with $REPLAY_RC" >&2; fi

if [[ "$BASELINE_AFTER" == 1 ]]; then
    # The same file layout as the replay started from: the replay's writes (and the store's background compaction)
    # spread the events' pages over a file several times larger, and a read of that is several times slower.
    compact "before the second baseline"
    echo "== f. baseline after"
    read_rate after
fi
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
du -sm "$DATA_DIR" | awk '{print "at the end: " $1 " MB"}' >> "$RUN_DIR/store-size.txt"

# ---- summary
JSTACK_EVERY_S=$JSTACK_EVERY_S python3 - "$RUN_DIR" "$DATA_DIR" "$REPLAY_T0" "$REPLAY_T1" "$REPLAY_RC" "$COMMIT" "$EVENTS" "$PROJECTION" "$BEACON_HEAP" "$(nproc)" <<'EOF' | tee "$RUN_DIR/summary.md"
import os, re, sys, statistics
run, data, t0, t1, rc, commit, events, projection, heap, cores = sys.argv[1:11]
t0, t1 = float(t0), float(t1)

def props(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.strip().split("=", 1)
                out[k] = v
    return out

def seconds(text):  # ProgressFormat.elapsed: 850ms, 3.2s, 1m12s, 2h03m
    m = re.fullmatch(r"(\d+)ms", text)
    if m: return int(m.group(1)) / 1000
    m = re.fullmatch(r"([\d.]+)s", text)
    if m: return float(m.group(1))
    m = re.fullmatch(r"(\d+)m(\d+)s", text)
    if m: return int(m.group(1)) * 60 + int(m.group(2))
    m = re.fullmatch(r"(\d+)h(\d+)m", text)
    if m: return int(m.group(1)) * 3600 + int(m.group(2)) * 60
    return float("nan")

def reads(label):
    out = {}
    path = os.path.join(run, "read-%s.log" % label)
    if not os.path.exists(path):
        return out
    for line in open(path):
        m = re.match(r"%s (read_\w+) (.*)" % label, line)
        if m:
            out[m.group(1)] = {k: float(v) for k, v in (kv.split("=") for kv in m.group(2).split())}
    return out

def timefile(name):
    path = os.path.join(run, name + ".time")
    out = {}
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.strip().rpartition(": ")
            out[k] = v
    cpu = float(out.get("User time (seconds)", "nan")) + float(out.get("System time (seconds)", "nan"))
    return cpu, out.get("Maximum resident set size (kbytes)")

def load_during(start, end):
    vals = []
    path = os.path.join(run, "load.csv")
    for line in open(path):
        parts = line.strip().split(",")
        if len(parts) >= 2 and start <= float(parts[0]) <= end:
            vals.append(float(parts[1]))
    if not vals:
        return "n/a"
    return "mean %.1f, min %.1f, max %.1f (1-min load, %d samples)" % (statistics.mean(vals), min(vals), max(vals), len(vals))

phases = {}
for line in open(os.path.join(run, "phases.csv")):
    t, name, *_ = line.strip().split(",")
    phases[name] = float(t)

gen = props(os.path.join(data, "bench-replay-data.properties"))
catch = props(os.path.join(data, "bench-replay-caughtup.properties"))
out = open(os.path.join(run, "replay-stdout.log")).read()
m = re.search(r"replayed \S+: ([\d,]+) events in (\S+);", out)
replayed = int(m.group(1).replace(",", "")) if m else None
elapsed = seconds(m.group(2)) if m else float("nan")
progress = [l for l in open(os.path.join(run, "replay-progress.log")).read().replace("\r", "\n").splitlines() if "ev/s" in l]
rates = []
for l in progress:
    m2 = re.search(r"\s([\d,]+(?:\.\d)?) ev/s", l)
    if m2:
        rates.append(float(m2.group(1).replace(",", "")))
last_rate = rates[-1] if rates else float("nan")
replay_rate = replayed / elapsed if replayed and elapsed == elapsed and elapsed > 0 else float("nan")
wall = t1 - t0
replay_cpu, replay_rss = timefile("replay")
before, after = reads("before"), reads("after")

def mean_of(key):
    vals = [r[key]["events_per_second"] for r in (before, after) if key in r]
    return statistics.mean(vals) if vals else float("nan"), vals

proc_mean, proc_vals = mean_of("read_processor")
raw_mean, raw_vals = mean_of("read_raw")

print("# bench/replay.sh: replay of `%s` against reading the same events" % projection)
print()
print("commit %s; %s cores; every JVM -Xmx%s; run %s" % (commit, cores, heap, os.path.basename(run)))
print("data: %s events (seed %s): %s" % (gen.get("events"), gen.get("seed"), ", ".join(
    "%s %s" % (k[len("events."):], v) for k, v in gen.items() if k.startswith("events."))))
print("      companies %s created / %s live, contacts %s created / %s live; events per company p50 %s, p99 %s, max %s; %s snapshots"
      % (gen.get("companies.created"), gen.get("companies.live"), gen.get("contacts.created"), gen.get("contacts.live"),
         gen.get("company_events.p50"), gen.get("company_events.p99"), gen.get("company_events.max"), gen.get("snapshots")))
print()
print("| figure | events/s | ratio | absolute |")
print("|---|---|---|---|")
print("| **replay** (`replay %s`, events ÷ the command's elapsed) | %.0f | **%.3f** of read_processor, %.3f of read_raw | %s events in %s (%.0f s); last progress line %.0f ev/s |"
      % (projection, replay_rate, replay_rate / proc_mean, replay_rate / raw_mean, "{:,}".format(replayed or 0),
         m.group(2) if m else "?", elapsed, last_rate))
print("| replay, whole command (JVM start → exit) | %.0f | %.3f of read_processor | %.1f s wall, %.0f CPU-s, max RSS %s kB, exit %s |"
      % ((replayed or 0) / wall, (replayed or 0) / wall / proc_mean, wall, replay_cpu, replay_rss, rc))
print("| read_processor (baseline: tracking processor, no-op handler) | %.0f | 1 | before %s, after %s events/s |"
      % (proc_mean, *(["%.0f" % v for v in proc_vals] + ["-"] * (2 - len(proc_vals)))))
print("| read_raw (`events` by _id windows of 2,048, decoded) | %.0f | | before %s, after %s events/s |"
      % (raw_mean, *(["%.0f" % v for v in raw_vals] + ["-"] * (2 - len(raw_vals)))))
for key, value in catch.items():
    if key.startswith("catchup.companies.events_per_second"):
        print("| live catch-up of `companies` (%s, once per data dir) | %s | %.3f of read_processor | %s s from Beacon's start |"
              % (key.rsplit(".", 1)[-1].replace("events_per_second_", ""), value, float(value) / proc_mean,
                 catch.get("catchup.companies.seconds_from_start")))
print()
print("Load average (the machine is shared, 2 cores):")
for a, b, label in (("read-before-start", "read-before-end", "baseline before"), ("replay-start", "replay-end", "replay"),
                    ("read-after-start", "read-after-end", "baseline after"), ("catchup-start", "catchup-end", "catch-up"),
                    ("generate-start", "generate-end", "generation")):
    if a in phases and b in phases:
        print("- %s: %s; %.0f s" % (label, load_during(phases[a], phases[b]), phases[b] - phases[a]))
print()
print("Replay progress (every 5 %% or 10 s; rates are the command's 10 s window): %d lines, ev/s median %.0f, min %.0f, max %.0f"
      % (len(rates), statistics.median(rates) if rates else float("nan"), min(rates) if rates else float("nan"),
         max(rates) if rates else float("nan")))
print("```")
for l in progress[:3] + ["..."] + progress[len(progress) // 2 - 1:len(progress) // 2 + 1] + ["..."] + progress[-3:]:
    print(l.rstrip())
print("```")
if not catch:
    print("Live catch-up: not run on this data dir (CATCHUP=0); the replay ran with the live read models unbuilt.")
if catch:
    print("Catch-up (data dir prepared %s): %s" % (gen.get("generated_at"), ", ".join("%s=%s" % kv for kv in catch.items())))
if gen:
    print("Generation: %s s, %s events/s" % (gen.get("write_seconds"), gen.get("write_events_per_second")))
jdir = os.path.join(run, "jstack")
if os.path.isdir(jdir):
    tops, samples = {}, 0
    for name in sorted(os.listdir(jdir)):
        text = open(os.path.join(jdir, name)).read()
        for block in text.split("\n\n"):
            if block.startswith('"EventProcessor[replay:'):
                samples += 1
                frames = [l.strip()[3:] for l in block.splitlines() if l.strip().startswith("at ")]
                beacon = next((f for f in frames if f.startswith("io.beacon.")), None)
                waiting = frames and (frames[0].startswith("sun.nio.ch") or frames[0].startswith("java.net") or "SocketStream" in frames[0])
                key = (re.sub(r"\(.*", "", beacon) if beacon else "(no Beacon frame: " + (re.sub(r"\(.*", "", frames[0]) if frames else "?") + ")") + (" [waiting for the store]" if waiting else "")
                tops[key] = tops.get(key, 0) + 1
    if samples:
        print("Replay thread in %d jstack samples (every %s s), by innermost Beacon frame:" % (samples, os.environ.get("JSTACK_EVERY_S", "?")))
        for key, n in sorted(tops.items(), key=lambda kv: -kv[1])[:8]:
            print("- %d × %s" % (n, key))
size = open(os.path.join(run, "store-size.txt")).read().strip().replace("\n", "; ") if os.path.exists(os.path.join(run, "store-size.txt")) else ""
print("Store: %s" % size)
EOF
exit "$REPLAY_RC"
