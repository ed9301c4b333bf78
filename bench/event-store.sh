#!/usr/bin/env bash
# Event store benchmark: Beacon's BeaconEventStorageEngine against the raw store it runs on.
#
#   bench/event-store.sh                        # EVENTS=1000000, ~5-8 minutes on 2 cores
#   EVENTS=50000 RAW_S=5 bench/event-store.sh   # quick run
#   SKIP_BUILD=1 JFR=1 bench/event-store.sh     # no build; also record a JFR profile into the run directory
#
# Prints, each on its own line, key=value first, absolute figures beside it:
#   append_ratio=<x>    engine appends/s with WRITERS writers / raw single-document inserts/s with WRITERS writers
#   replay_ratio=<x>    events/s replayed into a fresh projection / events/s of a raw sequential read
#   replay_seconds=<s>  time to replay the EVENTS events
#   goals: ...          append_ratio >= 0.7, replay_ratio >= 0.5, 1,000,000 events replayed in < 60 s
# Lines starting with '#' are details: one per phase with wall time, process CPU, GC time and CPU seconds
# per thread group (bench-writer = the appending threads, nioEventLoopGroup = the store's server threads,
# beacon-event-prefetch = the engine's chunk prefetch, replay = the tracking processor, ...).
# Everything printed is also written to bench/results/<UTC time>/event-store.txt (git-ignored).
#
# How it measures (io.beacon.bench.store.EventStoreBench, module bench/event-store, only in -Pbench):
# - One JVM, one store: mongo-java-server with the MEMORY backend bound to 127.0.0.1 on a free port, reached
#   through a normal MongoClient (pool 64, as Beacon's MongoStore.embedded), in the same JVM as the bench.
#   The engine is built as Beacon builds it for the embedded store (insertionOrderScans=true), serializer
#   JacksonSerializer.defaultSerializer(); SCAN_CHUNK / LOOKUP_WINDOW are the builder's tuning knobs.
# - Events are Beacon's own: CompanyCreated (new company id, sequence 0) and, for UPDATE_SHARE of the appends,
#   CompanyUpdated at sequence 1 of a company the same writer created; realistic field values and the
#   metadata Beacon's correlation providers add. One event per appendEvents call (one command = one event).
# - Append: WRITERS threads call engine.appendEvents(event) until EVENTS events are stored (collection
#   `events`); events/s = EVENTS / wall time. Each writer builds its share of the events (domain objects and
#   messages) before the clock starts, as the raw baseline serializes its payloads beforehand; the engine's
#   own serialization of each event is timed. Baseline: WRITERS threads doing insertOne of documents of the
#   same shape (a commit document with one event, payload text serialized beforehand from the same events)
#   into `raw_inserts`, which has the same unique indexes (pos, keys), for RAW_S seconds each, measured
#   before and after the engine phase on a fresh collection; the mean of the two is used. So the ratio is
#   what the engine costs on top of the store: serialization, the position counter, group commit.
# - Replay: a fresh TrackingEventProcessor (single thread, batch BATCH_SIZE, token store TOKEN_STORE:
#   `mongo` = axon-mongo MongoTokenStore on the same store, as Beacon runs; or `memory` = InMemoryTokenStore)
#   on an EmbeddedEventStore over the engine, with an annotated handler that gets every payload
#   (deserialized) and counts it per payload class; timed from processor start until the last event is
#   handled, and checked to deliver exactly the appended events. Baseline: a plain find() over the same
#   `events` collection (batchSize READ_BATCH: without one the embedded store answers with every document in
#   one reply, which the driver refuses above 48 MB), every document decoded to org.bson.Document, events/s =
#   events in the documents read per second; measured before and after the replay, mean used.
# - The replay runs with the engine's read-ahead (READ_AHEAD events deserialized ahead on another thread while
#   it scans); EXTRA_READ_AHEADS=0 adds a replay without it, in the same run, for comparison.
# - Warm-up first (not measured, on collections dropped afterwards): WARMUP_EVENTS engine appends, a raw
#   read and a replay of them, WARMUP_S seconds of raw inserts. System.gc() runs before each measured phase.
# - The heap must hold the whole store (1M events ~ 3-4 GB): HEAP (default 12g) is -Xms and -Xmx.
#
# Knobs (environment):
EVENTS=${EVENTS:-1000000}
WRITERS=${WRITERS:-8}
WARMUP_EVENTS=${WARMUP_EVENTS:-200000}
WARMUP_S=${WARMUP_S:-20}
RAW_S=${RAW_S:-15}                 # measured seconds of raw inserts, before and after the engine phase
BATCH_SIZE=${BATCH_SIZE:-1000}     # tracking processor batch size for the replay
TOKEN_STORE=${TOKEN_STORE:-mongo}  # mongo | memory
SCAN_CHUNK=${SCAN_CHUNK:-8192}     # engine builder scanChunk (its default: 8192)
LOOKUP_WINDOW=${LOOKUP_WINDOW:-64} # engine builder lookupWindow (its default: 64)
EXTRA_SCAN_CHUNKS=${EXTRA_SCAN_CHUNKS:-}  # e.g. 65536,262144: replay again with these scanChunk values (tuning lines)
READ_AHEAD=${READ_AHEAD:-256}      # engine builder readAhead (its default: 256; 0 = deserialize in the processor's thread)
EXTRA_READ_AHEADS=${EXTRA_READ_AHEADS:-}  # e.g. 0,4096: replay again with these readAhead values (tuning lines)
READ_BATCH=${READ_BATCH:-4096}     # batchSize of the raw read's find (the store sends everything in one reply without one)
UPDATE_SHARE=${UPDATE_SHARE:-0.2}
SEED=${SEED:-42}
HEAP=${HEAP:-12g}
JAVA_OPTS=${JAVA_OPTS:-}           # extra JVM options
JFR=${JFR:-0}                      # 1: record a JFR profile (settings=profile) into the run directory
COUNT_COMMANDS=${COUNT_COMMANDS:-0} # 1: count the driver's commands per phase (round trips, documents per insert)
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_ARGS=${MVN_ARGS:-}             # extra Maven arguments for the build, e.g. -o

set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=target-bench
MODULE_DIR="$ROOT/bench/event-store/$BUILD_DIR"

if [[ "$SKIP_BUILD" != 1 ]]; then
    echo "== building bench/event-store and the modules it needs (-Dbeacon.build.dir=$BUILD_DIR)"
    # maven.test.skip: tests are neither compiled nor run, this only needs the main classes.
    ./mvnw -q -B $MVN_ARGS -Pbench -pl bench/event-store -am package -Dmaven.test.skip=true \
        -Dbeacon.build.dir="$BUILD_DIR"
fi
[[ -f "$MODULE_DIR/bench-event-store.jar" && -f "$MODULE_DIR/classpath.txt" ]] \
    || { echo "missing $MODULE_DIR/bench-event-store.jar or classpath.txt (build without SKIP_BUILD=1)" >&2; exit 1; }

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
JFR_OPTS=()
if [[ "$JFR" == 1 ]]; then
    JFR_OPTS=("-XX:StartFlightRecording=filename=$RUN_DIR/event-store.jfr,settings=profile")
fi

echo "== run directory: $RUN_DIR"
# shellcheck disable=SC2086
java -Xms"$HEAP" -Xmx"$HEAP" -Daxoniq.update-checker.disabled=true "${JFR_OPTS[@]}" $JAVA_OPTS \
    -cp "$MODULE_DIR/bench-event-store.jar:$(cat "$MODULE_DIR/classpath.txt")" \
    io.beacon.bench.store.EventStoreBench \
    --events="$EVENTS" --writers="$WRITERS" --warmup-events="$WARMUP_EVENTS" --warmup-s="$WARMUP_S" \
    --raw-s="$RAW_S" --batch-size="$BATCH_SIZE" --token-store="$TOKEN_STORE" --scan-chunk="$SCAN_CHUNK" \
    --lookup-window="$LOOKUP_WINDOW" --read-batch="$READ_BATCH" --update-share="$UPDATE_SHARE" --seed="$SEED" \
    --extra-scan-chunks="$EXTRA_SCAN_CHUNKS" --read-ahead="$READ_AHEAD" --extra-read-aheads="$EXTRA_READ_AHEADS" \
    --count-commands="$([[ "$COUNT_COMMANDS" == 1 ]] && echo true || echo false)" \
    2> >(tee "$RUN_DIR/event-store.log" >&2) | tee "$RUN_DIR/event-store.txt"
