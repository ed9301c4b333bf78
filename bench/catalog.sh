#!/usr/bin/env bash
# Beacon benchmark, issue 4 (company attribute lookups and company contacts): builds Beacon and the load client,
# starts Beacon on the embedded store (fresh data directory, free ports, loopback only), runs
# io.beacon.bench.CatalogBench and always stops Beacon.
#
#   bench/catalog.sh                                    # full run: 100,000 companies + 500,000 contacts (a long load)
#   COMPANIES=2000 CONTACTS=10000 bench/catalog.sh      # quick run
#   DATA_DIR=/tmp/catalog-100k bench/catalog.sh         # keep the loaded store; run again with the same DATA_DIR
#                                                       # (and knobs) to measure again without loading
#
# 1. Loads COMPANIES companies, then CONTACTS contacts, through create_company / create_contact over WebSocket
#    (admin + write key; LOAD_CONNECTIONS connections x LOAD_IN_FLIGHT pipelined requests), with seeded,
#    Zipf-like industries, technologies, keywords, cities, names and departments, titles built from seniority and
#    department; one designated company gets exactly DESIGNATED_CONTACTS contacts, the rest spread Zipf-like over
#    the other companies. Prints the load rates, and after the first ESTIMATE_AFTER_S seconds an estimate of the
#    whole load (flagged when over LOAD_WARN_MIN minutes).
# 2. Measures p50/p99/mean/n, each beside the same query sent straight to the store through a plain driver (the
#    store queries Beacon's query handler performs for it), in alternating blocks of BLOCK after a one-off warm-up of
#    INITIAL_WARMUP_S seconds and WARMUP calls of each side per query:
#      list_industries {separated:true, ordering:"-count", limit:25}
#        vs find on company_values_industry sorted by count  (+ context: the aggregation over all companies)
#      list_company_contacts {company_uuid:<designated>, title:TITLE, limit:25}
#        vs contact_companies lookup + $in over the slot keys (500 a chunk), filtered/sorted/paged in the client
#        (+ naive: one find {company.uuid, deleted:false, title:/TITLE/i} sorted by number: a collection scan on
#        the embedded store, which uses only unique indexes)
#      count_company_contacts {company_uuid:<designated>}
#        vs the same slot reads counted  (+ naive: the count command with {company.uuid, deleted:false})
#    and, as context, a slot read probe: the designated company's contacts read with other $in chunk sizes and by _id.
#
# Knobs (environment):
COMPANIES=${COMPANIES:-100000}
CONTACTS=${CONTACTS:-500000}
DESIGNATED_CONTACTS=${DESIGNATED_CONTACTS:-1000}
TITLE=${TITLE:-Software Engineer}      # title filter of list_company_contacts (~7 % of the designated company's contacts)
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-8}
LOAD_IN_FLIGHT=${LOAD_IN_FLIGHT:-4}    # pipelined creates per connection while loading
LOAD_TIMEOUT_S=${LOAD_TIMEOUT_S:-0}    # >0: stop sending creates of a phase after this many seconds
ESTIMATE_AFTER_S=${ESTIMATE_AFTER_S:-30}
LOAD_WARN_MIN=${LOAD_WARN_MIN:-15}
INITIAL_WARMUP_S=${INITIAL_WARMUP_S:-30}  # one-off warm-up (JIT) of all three queries before the first is measured
WARMUP=${WARMUP:-50}                   # warm-up calls per side before each query is measured
REQUESTS=${REQUESTS:-300}              # measured calls per side
BLOCK=${BLOCK:-50}                     # calls per alternating block
NAIVE_REQUESTS=${NAIVE_REQUESTS:-20}   # measured naive / aggregation calls (each may scan a whole collection)
NAIVE_MAX_S=${NAIVE_MAX_S:-120}        # stop the naive calls of one query after this many seconds
PROBE_RUNS=${PROBE_RUNS:-10}            # slot read probe (other $in chunk sizes); 0: skip
SEED=${SEED:-42}
BEACON_HEAP=${BEACON_HEAP:-2g}
BEACON_JAVA_OPTS=${BEACON_JAVA_OPTS:-}   # extra JVM options for Beacon
DATA_DIR=${DATA_DIR:-}                 # empty: a fresh temporary directory, removed afterwards; set: kept and reused
SKIP_BUILD=${SKIP_BUILD:-0}

set -euo pipefail
cd "$(dirname "$0")/.."
source bench/beacon-run.sh
bench_build

RUN_DIR="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
KEEP_DATA=0
if [[ -n "$DATA_DIR" ]]; then
    KEEP_DATA=1
    mkdir -p "$DATA_DIR"
    DATA_DIR=$(cd "$DATA_DIR" && pwd)
else
    DATA_DIR=$(mktemp -d /tmp/beacon-bench-data.XXXXXX)
fi
bench_ports_and_secrets
SIZE_PID=

cleanup() {
    local rc=$?
    if [[ -n "$SIZE_PID" ]]; then kill "$SIZE_PID" 2>/dev/null || true; fi
    stop_beacon 60
    du -sh "$DATA_DIR" 2>/dev/null | sed 's/^/== embedded store size: /' || true
    if [[ "$KEEP_DATA" == 1 ]]; then
        echo "== data directory kept: $DATA_DIR"
    else
        rm -rf "$DATA_DIR"
    fi
    echo "== run directory: $RUN_DIR (beacon.log, results.txt)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The admin password is new on every run, but Beacon's bootstrap leaves an existing admin as it is: with a kept
# DATA_DIR the password of its first run is stored in the data directory (never in the run directory) and reused.
if [[ "$KEEP_DATA" == 1 ]]; then
    if [[ -f "$DATA_DIR/.bench-admin" ]]; then
        ADMIN_PASSWORD=$(cat "$DATA_DIR/.bench-admin")
    else
        (umask 077; printf '%s' "$ADMIN_PASSWORD" >"$DATA_DIR/.bench-admin")
    fi
fi
start_beacon 180

# The store file's size every 30 s (the embedded store appends a chunk per commit and compacts later).
( while sleep 30; do echo "$(date -u +%H:%M:%S) $(du -sm "$DATA_DIR" | cut -f1) MB"; done ) >"$RUN_DIR/store-size.txt" 2>/dev/null &
SIZE_PID=$!

java -Xmx1g -cp "$BENCH_JAR" io.beacon.bench.CatalogBench \
    --base-url="http://127.0.0.1:$HTTP_PORT" --mongo-uri="mongodb://127.0.0.1:$MONGO_PORT" \
    --email="$ADMIN_EMAIL" --password="$ADMIN_PASSWORD" --write-key="$WRITE_KEY" \
    --companies="$COMPANIES" --contacts="$CONTACTS" --designated-contacts="$DESIGNATED_CONTACTS" --title="$TITLE" \
    --load-connections="$LOAD_CONNECTIONS" --load-in-flight="$LOAD_IN_FLIGHT" --load-timeout-s="$LOAD_TIMEOUT_S" \
    --estimate-after-s="$ESTIMATE_AFTER_S" --load-warn-min="$LOAD_WARN_MIN" \
    --initial-warmup-s="$INITIAL_WARMUP_S" --warmup="$WARMUP" --requests="$REQUESTS" --block="$BLOCK" \
    --naive-requests="$NAIVE_REQUESTS" --naive-max-s="$NAIVE_MAX_S" --probe-runs="$PROBE_RUNS" --seed="$SEED" \
    | tee "$RUN_DIR/results.txt"
exit "${PIPESTATUS[0]}"
