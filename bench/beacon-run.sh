# Shared by the bench scripts (skeleton.sh, catalog.sh, feeds.sh, history.sh, replay.sh): build, source tree, ports and secrets, start and stop
# Beacon on the embedded store. Sourced with the working directory at the repository root; the caller sets
# SKIP_BUILD, BEACON_HEAP, BEACON_JAVA_OPTS, RUN_DIR and DATA_DIR.

ROOT=$(pwd)
BUILD_DIR=${BEACON_BUILD_DIR:-target-bench}   # Maven output directory (-Dbeacon.build.dir) of the jars run
APP_JAR="$ROOT/gateway/$BUILD_DIR/gateway-0.1.0-SNAPSHOT-exec.jar"
BENCH_JAR="$ROOT/bench/$BUILD_DIR/beacon-bench.jar"
BEACON_PID=

# Builds Beacon's boot jar and the bench client (unless SKIP_BUILD=1) and checks both are there.
bench_build() {
    if [[ "$SKIP_BUILD" != 1 ]]; then
        echo "== building Beacon and the bench client (-Dbeacon.build.dir=$BUILD_DIR)"
        ./mvnw -q -B -DskipTests -Dbeacon.build.dir="$BUILD_DIR" package
        ./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dbeacon.build.dir="$BUILD_DIR"
    fi
    [[ -f "$APP_JAR" && -f "$BENCH_JAR" ]] || { echo "missing $APP_JAR or $BENCH_JAR" >&2; exit 1; }
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "no free port found" >&2; return 1
}

# Sets HTTP_PORT, MONGO_PORT (two distinct free loopback ports), ADMIN_EMAIL, ADMIN_PASSWORD and WRITE_KEY (new each run).
bench_ports_and_secrets() {
    HTTP_PORT=$(free_port)
    MONGO_PORT=$(free_port)
    while [[ "$MONGO_PORT" == "$HTTP_PORT" ]]; do MONGO_PORT=$(free_port); done
    ADMIN_EMAIL=bench-admin@bench.local
    ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    WRITE_KEY="bench-key-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
}

# The source tree a bench builds from: the working tree, or with BUILD_FROM=<rev> a clean export of that
# revision into a temporary directory (the bench modules copied from the working tree: they may be newer than the
# revision). Sets SRC, SRC_DIR (the export, to remove with bench_source_done; empty for the working tree) and
# COMMIT (what the jars were built from, for the summary).
bench_source() {
    SRC="$ROOT"
    SRC_DIR=
    if [[ -n "$BUILD_FROM" ]]; then
        COMMIT="$(git rev-parse --short "$BUILD_FROM") (clean export)"
        SRC_DIR=$(mktemp -d /tmp/beacon-bench-src.XXXXXX)
        git archive "$BUILD_FROM" | tar -x -C "$SRC_DIR"
        rm -rf "$SRC_DIR/bench" && mkdir -p "$SRC_DIR/bench" && cp -r bench/pom.xml bench/src bench/event-store "$SRC_DIR/bench/"
        rm -rf "$SRC_DIR/bench/target"* "$SRC_DIR/bench/event-store/target"*
        SRC="$SRC_DIR"
    else
        COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway command-side query-side shared-kernel || echo ' (with uncommitted changes)')"
    fi
}

bench_source_done() {
    if [[ -n "$SRC_DIR" ]]; then rm -rf "$SRC_DIR"; fi
    SRC_DIR=
}

# Runs a command under nice -n $NICE (NICE=0 or unset: as it is).
run_nice() { if [[ "${NICE:-0}" != 0 ]]; then nice -n "$NICE" "$@"; else "$@"; fi; }

# Starts Beacon (log in $RUN_DIR/beacon.log) and waits up to $1 seconds for its health to be UP. BEACON_NICE=<n>: under nice -n <n>.
start_beacon() {
    local patience=$1
    echo "== starting Beacon: http 127.0.0.1:$HTTP_PORT, embedded store 127.0.0.1:$MONGO_PORT, data $DATA_DIR"
    # MANAGEMENT_HEALTH_MONGO_ENABLED=false: Spring Boot's Mongo health check sends `hello`, which the embedded
    # mongo-java-server does not know. Beacon turns it off itself; setting it here lets older checkouts run too.
    env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$HTTP_PORT" \
        BEACON_DATA_DIR="$DATA_DIR" BEACON_EMBEDDED_MONGO_PORT="$MONGO_PORT" \
        BEACON_ADMIN_EMAIL="$ADMIN_EMAIL" BEACON_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        COMPANIES_WRITE_KEY="$WRITE_KEY" MANAGEMENT_HEALTH_MONGO_ENABLED=false \
        ${BEACON_NICE:+nice -n "$BEACON_NICE"} java -Xmx"$BEACON_HEAP" $BEACON_JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar "$APP_JAR" \
        >"$RUN_DIR/beacon.log" 2>&1 &
    BEACON_PID=$!
    for i in $(seq "$patience"); do
        if ! kill -0 "$BEACON_PID" 2>/dev/null; then
            echo "Beacon exited during start-up; last log lines:" >&2; tail -40 "$RUN_DIR/beacon.log" >&2; exit 1
        fi
        if curl -s --max-time 2 "http://127.0.0.1:$HTTP_PORT/actuator/health" | grep -q '^{"status":"UP"'; then
            echo "== Beacon is UP after ${i}s (pid $BEACON_PID)"
            return
        fi
        sleep 1
    done
    echo "Beacon not UP after $patience s" >&2
    curl -s "http://127.0.0.1:$HTTP_PORT/actuator/health" >&2 || true
    exit 1
}

# Stops Beacon if it runs: SIGTERM, up to $1 half-seconds for a graceful stop, then SIGKILL.
stop_beacon() {
    local patience=$1
    if [[ -n "$BEACON_PID" ]] && kill -0 "$BEACON_PID" 2>/dev/null; then
        echo "== stopping Beacon (pid $BEACON_PID)"
        kill "$BEACON_PID" 2>/dev/null || true
        for _ in $(seq "$patience"); do kill -0 "$BEACON_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$BEACON_PID" 2>/dev/null || true
    fi
}
