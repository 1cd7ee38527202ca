#!/usr/bin/env bash
# Captures during a bulk import: PROCS processes each run CAPTURES `./feedback --capture` commands
# into a fresh database while `./feedback import` loads COUNT generated entries into it (a bulk load
# that holds the file alone, so the captures wait for it). Prints failed captures (must be 0), capture
# latencies and the import's time.
#
#   bench/concurrency/during-import.sh                 # 1,000,000 entries, 8 processes x 5 captures
#   COUNT=100000 PROCS=4 CAPTURES=10 bench/concurrency/during-import.sh
#
# Needs python3 and ../shared/bench/gen_feedback.py (or GEN=path); data kept in $BENCH_DIR.
set -euo pipefail
CAPTURES="${CAPTURES:-5}"
. "$(dirname "$0")/lib.sh"
DATA="$DIR/d${COUNT}.jsonl"
DB="$DIR/during-import.db"
[ -f "$DATA" ] || python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$DATA"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
"$FEEDBACK" --version >/dev/null
"$FEEDBACK" --init --db "$DB" >/dev/null

s=$(date +%s%N)
"$FEEDBACK" import "$DATA" --db "$DB" --json >"$DIR/import.json" &
IMPORT=$!
sleep 2

capture_load import "$DB" "$PROCS" "$CAPTURES"
wait "$IMPORT"
echo "import: $(awk -v s="$s" -v e="$(date +%s%N)" 'BEGIN {printf "%.1f", (e - s) / 1e9}') s, $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['inserted'])" "$DIR/import.json") entries"
wait "${CAPTURERS[@]}" || true
python3 -c "import sqlite3,sys; print('stored:', sqlite3.connect(sys.argv[1], timeout=60).execute('select count(*) from feedback').fetchone()[0])" "$DB"
capture_summary import
