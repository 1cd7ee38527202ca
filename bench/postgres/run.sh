#!/usr/bin/env bash
# PostgreSQL benchmarks, on a PostgreSQL 18 started here from the embedded binaries the tests use
# (lib.sh), listening on 127.0.0.1.
#
#   bench/postgres/run.sh [COUNT] [WRK_SECONDS]     # default 1000000 entries, 20 s per wrk run
#
# 1. import of COUNT generated entries (gen_feedback.py --days 60 --seed 42), one whole process, end to end
# 2. the floor: psql \copy of the same rows as CSV (exported from step 1) into the same schema
# 3. analysis of the last 30 days: cold (first run), unchanged (second run); weekly and monthly report
# 4. wrk: POST /api/v1/feedback against one instance, then two instances on the same database at once
# Needs: python3, psql (Debian postgresql-client), wrk (installed when missing), Maven for the build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-1000000}"
SECS="${2:-20}"
DATA="${BENCH_DATA:-/tmp}"
# shellcheck source=lib.sh
. "$ROOT/bench/postgres/lib.sh"
need wrk wrk

echo "== build"
(cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am >/dev/null)
JAR="$ROOT/cli/target/feedback.jar"
FEEDBACK=(java -jar "$JAR")

echo "== PostgreSQL"
start_postgres bench floor

label() { case $1 in 1000000) echo 1m ;; 100000) echo 100k ;; 10000) echo 10k ;; *) echo "$1" ;; esac; }
FILE="$DATA/d$(label "$COUNT").jsonl"
if [ ! -f "$FILE" ]; then
  [ -n "$GEN" ] || { echo "gen_feedback.py not found; set GEN_FEEDBACK" >&2; exit 1; }
  python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$FILE" --quiet
fi

echo "== 1. import $COUNT entries (whole process: JVM, parsing, COPY, commit)"
"${FEEDBACK[@]}" init --db "${BASE}bench" >/dev/null
T0=$(date +%s%N)
"${FEEDBACK[@]}" import "$FILE" --db "${BASE}bench" --json >"$WORK/import.json"
T1=$(date +%s%N)
IMPORT_S=$(secs "$T0" "$T1")
echo "import: $IMPORT_S s, $(python3 -c "print(round($COUNT / $IMPORT_S))") entries/s"

echo "== 2. floor: psql \\copy of the same rows (CSV) into the same schema"
COLS="$FLOOR_COLS"
"${PSQL[@]}" -d bench -c "\\copy (SELECT $COLS FROM feedback ORDER BY id) TO '$WORK/rows.csv' CSV"
"${FEEDBACK[@]}" init --db "${BASE}floor" >/dev/null
T0=$(date +%s%N)
"${PSQL[@]}" -d floor -c "\\copy feedback ($COLS) FROM '$WORK/rows.csv' CSV"
T1=$(date +%s%N)
FLOOR_S=$(secs "$T0" "$T1")
echo "psql \\copy: $FLOOR_S s, $(python3 -c "print(round($COUNT / $FLOOR_S))") rows/s; import / floor = $(python3 -c "print('%.2f' % ($FLOOR_S / $IMPORT_S))")x"

echo "== 3. analysis of the last 30 days and reports (whole processes, through the launcher as a user runs them)"
"${PSQL[@]}" -d bench -c "VACUUM ANALYZE feedback"
FEEDBACK_RUN=("${FEEDBACK[@]}")
FEEDBACK=("$ROOT/feedback")
# the launcher builds and trains its start-up caches on first use: not timed
"${FEEDBACK[@]}" stats --db "${BASE}bench" >/dev/null 2>&1
"${FEEDBACK[@]}" analyze --db "${BASE}floor" --days 1 >/dev/null 2>&1 || true
for run in cold unchanged unchanged; do
  T0=$(date +%s%N); "${FEEDBACK[@]}" analyze --db "${BASE}bench" --days 30 --json >/dev/null; T1=$(date +%s%N)
  echo "analyze --days 30 ($run): $(secs "$T0" "$T1") s"
done
# the first two reports of a period after an import count its days and those of the period before
# (day rollups, kept): the third and later are the repeated reports the target is about
for period in weekly monthly; do
  for run in first second repeated repeated repeated; do
    T0=$(date +%s%N); "${FEEDBACK[@]}" report --period "$period" --db "${BASE}bench" --json >/dev/null; T1=$(date +%s%N)
    echo "report --period $period ($run): $(secs "$T0" "$T1") s"
  done
done

echo "== 4. wrk: POST /api/v1/feedback, 64 connections, $SECS s"
FEEDBACK=("${FEEDBACK_RUN[@]}")
KEY=$("${FEEDBACK[@]}" keys create --db "${BASE}bench" --name "bench-$$" --scope admin 2>/dev/null)
capture_script "$KEY" "$WORK/capture.lua"
serve() {
  "${FEEDBACK[@]}" serve --db "${BASE}bench" --port "$1" --rate-limit 10000000 2>"$WORK/access-$1.log" &
  PIDS+=($!)
  until curl -sf "http://127.0.0.1:$1/ready" >/dev/null; do sleep 0.05; done
}
# How busy the machine's cores were between two /proc/stat readings: whether a run was bound by CPU.
ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }
busy() {  # "busy idle" before, "busy idle" after
  python3 -c "import sys; b0,i0,b1,i1=map(int,sys.argv[1:5]); print('CPU: %.0f%% of %s cores busy' % (100.0*(b1-b0)/max(1,(b1-b0)+(i1-i0)), sys.argv[5]))" $1 $2 "$3" "$4" "$(nproc)"
}
serve 18281
wrk -t2 -c64 -d10s -s "$WORK/capture.lua" "http://127.0.0.1:18281/api/v1/feedback" >/dev/null
echo "-- one instance"
C0=$(ticks)
wrk -t2 -c64 -d"${SECS}s" --latency -s "$WORK/capture.lua" "http://127.0.0.1:18281/api/v1/feedback"
busy $C0 $(ticks)
serve 18282
wrk -t1 -c32 -d10s -s "$WORK/capture.lua" "http://127.0.0.1:18282/api/v1/feedback" >/dev/null
echo "-- two instances on the same database at once (32 connections each; add the two Requests/sec)"
C0=$(ticks)
wrk -t1 -c32 -d"${SECS}s" --latency -s "$WORK/capture.lua" "http://127.0.0.1:18281/api/v1/feedback" >"$WORK/wrk-a.txt" &
A=$!
wrk -t1 -c32 -d"${SECS}s" --latency -s "$WORK/capture.lua" "http://127.0.0.1:18282/api/v1/feedback" >"$WORK/wrk-b.txt"
wait $A
busy $C0 $(ticks)
cat "$WORK/wrk-a.txt" "$WORK/wrk-b.txt"
python3 - "$WORK/wrk-a.txt" "$WORK/wrk-b.txt" <<'PY'
import re, sys
total = sum(float(re.search(r"Requests/sec:\s+([\d.]+)", open(f).read()).group(1)) for f in sys.argv[1:])
print("two instances, sum: %.0f requests/s" % total)
PY
echo "stored: $("${PSQL[@]}" -d bench -Atc 'SELECT count(*) FROM feedback')"
