#!/usr/bin/env bash
# Before/after on PostgreSQL in one run, alternating the two builds so that both see the same machine load
# (the figures of one build alone swing 2x on a shared machine; the ratios are what to compare).
#
#   bench/postgres/compare.sh OLD.jar NEW.jar [COUNT] [WRK_SECONDS] [ROUNDS]   # default 200000 entries, 15 s, 2 rounds
#
# OLD.jar / NEW.jar: cli/target/feedback.jar of the two commits (build one, copy it away, build the other).
# Per round, for OLD then NEW: import of COUNT generated entries into a fresh database (whole process) and the
# psql \copy floor of the same rows; `analyze --days 30` unchanged and `report --period weekly` repeated
# (whole processes, java -jar: no start-up cache, so the builds are compared alone); wrk captures, 64 connections.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OLD_JAR="$(realpath "$1")"; NEW_JAR="$(realpath "$2")"
COUNT="${3:-200000}"; SECS="${4:-15}"; ROUNDS="${5:-2}"
# shellcheck source=lib.sh
. "$ROOT/bench/postgres/lib.sh"
need wrk wrk
start_postgres

FILE="$WORK/data.jsonl"
python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$FILE" --quiet
COLS="$FLOOR_COLS"
load() { cut -d' ' -f1 /proc/loadavg; }
fresh() { "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null; java -jar "$NEW_JAR" init --db "${BASE}$1" >/dev/null; }
timed() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); secs "$t0" "$t1"; }

import() {  # $1 old|new, $2 jar
  fresh "imp_$1"
  local s; s=$(timed java -jar "$2" import "$FILE" --db "${BASE}imp_$1" --json)
  if [ ! -f "$WORK/rows.csv" ]; then
    "${PSQL[@]}" -d "imp_$1" -c "\\copy (SELECT $COLS FROM feedback ORDER BY id) TO '$WORK/rows.csv' CSV"
  fi
  fresh floor
  local f; f=$(timed "${PSQL[@]}" -d floor -c "\\copy feedback ($COLS) FROM '$WORK/rows.csv' CSV")
  echo "import $1: $s s, floor $f s, ratio $(python3 -c "print('%.2f' % ($f / $s))") (load $(load))"
}
reads() {  # $1 old|new, $2 jar: the database imported by this build
  local db="${BASE}imp_$1" a r
  java -jar "$2" analyze --db "$db" --days 30 --json >/dev/null   # cold: fills the cache
  java -jar "$2" report --period weekly --db "$db" --json >/dev/null   # first: counts the days
  a=$(timed java -jar "$2" analyze --db "$db" --days 30 --json)
  r=$(timed java -jar "$2" report --period weekly --db "$db" --json)
  echo "reads $1: analyze unchanged $a s, weekly report repeated $r s (load $(load))"
}
captures() {  # $1 old|new, $2 jar
  local key port=18471
  key=$(java -jar "$2" keys create --db "${BASE}imp_$1" --name "bench-$1-$RANDOM" --scope admin 2>/dev/null)
  capture_script "$key" "$WORK/capture.lua"
  java -jar "$2" serve --db "${BASE}imp_$1" --port $port --rate-limit 10000000 2>/dev/null &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do sleep 0.1; done
  wrk -t2 -c64 -d5s -s "$WORK/capture.lua" "http://127.0.0.1:$port/api/v1/feedback" >/dev/null
  wrk -t2 -c64 -d"${SECS}s" --latency -s "$WORK/capture.lua" "http://127.0.0.1:$port/api/v1/feedback" >"$WORK/wrk.txt"
  kill $pid; wait $pid 2>/dev/null || true
  echo "captures $1: $(grep -o 'Requests/sec: *[0-9.]*' "$WORK/wrk.txt" | tr -s ' ')/s, p50 $(awk '$1=="50%"{print $2}' "$WORK/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$WORK/wrk.txt"), non-2xx $(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk.txt" | grep -o '[0-9]*$' || echo 0) (load $(load))"
}
for round in $(seq "$ROUNDS"); do
  echo "== round $round"
  import old "$OLD_JAR"; import new "$NEW_JAR"
  reads old "$OLD_JAR"; reads new "$NEW_JAR"
  captures old "$OLD_JAR"; captures new "$NEW_JAR"
done
