#!/usr/bin/env bash
# Concurrent captures during a long analysis: PROCS processes each run CAPTURES `./feedback --capture`
# commands into one database of COUNT generated entries while cold analyses of the last 30 days run
# back to back (the analysis cache is cleared before each). Prints failed captures (must be 0) and
# capture latencies.
#
#   bench/concurrency/run.sh                      # 1,000,000 entries, 8 processes x 25 captures
#   COUNT=100000 PROCS=8 CAPTURES=25 bench/concurrency/run.sh
#
# Needs python3 and ../shared/bench/gen_feedback.py (or GEN=path); data kept in $BENCH_DIR.
set -euo pipefail
CAPTURES="${CAPTURES:-25}"
. "$(dirname "$0")/lib.sh"
DATA="$DIR/d${COUNT}.jsonl"
DB="$DIR/d${COUNT}.db"

"$FEEDBACK" --version >/dev/null
if [ ! -f "$DB" ]; then
  [ -f "$DATA" ] || python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$DATA"
  "$FEEDBACK" import "$DATA" --db "$DB"
fi

clear_cache() {
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=60); c.execute(\"DELETE FROM pattern_cache\"); c.commit()" "$DB"
}

# analyses, back to back, until the capturers are done
STOP="$DIR/stop"; rm -f "$STOP"
(
  n=0
  while [ ! -f "$STOP" ]; do
    clear_cache
    s=$(date +%s%N)
    "$FEEDBACK" analyze --days 30 --db "$DB" --json >/dev/null || echo "analysis failed" >&2
    n=$((n + 1))
    echo "analysis $n: $(awk -v s="$s" -v e="$(date +%s%N)" 'BEGIN {printf "%.2f", (e - s) / 1e9}') s" >&2
  done
) &
ANALYSES=$!
sleep 1

capture_load analysis "$DB" "$PROCS" "$CAPTURES"
wait "${CAPTURERS[@]}" || true
touch "$STOP"; wait "$ANALYSES" || true
capture_summary analysis
