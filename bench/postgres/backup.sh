#!/usr/bin/env bash
# Backup, verify and restore on PostgreSQL, on a PostgreSQL 18 started here from the embedded binaries
# the tests use (as in run.sh), listening on 127.0.0.1.
#
#   bench/postgres/backup.sh [COUNT]     # default 100000 entries (gen_feedback.py --days 60 --seed 42)
#
# 1. import COUNT entries into a PostgreSQL database (setup, not measured here: see run.sh)
# 2. feedback backup FILE --db URL (whole process), the file's size; again while a writer captures
# 3. feedback verify --db FILE (SQLite's integrity check of the backup)
# 4. feedback verify --db URL without amcheck, then with it (CREATE EXTENSION amcheck)
# 5. feedback restore FILE --db URL2 (an empty database), then stats on both sides compared
# Needs: python3, psql (Debian postgresql-client), Maven for the build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-100000}"
DATA="${BENCH_DATA:-/tmp}"
# shellcheck source=lib.sh
. "$ROOT/bench/postgres/lib.sh"

echo "== build"
(cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am >/dev/null)
FEEDBACK=(java -jar "$ROOT/cli/target/feedback.jar")

echo "== PostgreSQL"
start_postgres bench restored

FILE="$WORK/d$COUNT.jsonl"
if [ -f "$DATA/d1m.jsonl" ] && [ "$COUNT" -le 1000000 ]; then
  head -n "$COUNT" "$DATA/d1m.jsonl" >"$FILE"
else
  [ -n "$GEN" ] || { echo "gen_feedback.py not found; set GEN_FEEDBACK" >&2; exit 1; }
  python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$FILE" --quiet
fi
"${FEEDBACK[@]}" import "$FILE" --db "${BASE}bench" >/dev/null
"${FEEDBACK[@]}" analyze --db "${BASE}bench" --days 30 >/dev/null 2>&1 || true

now() { date +%s%N; }
# the whole process's time, and its first line (verify: the integrity line)
run() { local t0; t0=$(now); "$@" >"$WORK/out.txt"; echo "$(secs "$t0" "$(now)") s: $(head -n 1 "$WORK/out.txt")"; }

echo "== 2. backup of $COUNT entries (whole process)"
run "${FEEDBACK[@]}" backup "$WORK/b1.db" --db "${BASE}bench"
echo "file: $(du -h "$WORK/b1.db" | cut -f1) ($(stat -c %s "$WORK/b1.db") bytes); database: $("${PSQL[@]}" -d bench -Atc "SELECT pg_size_pretty(pg_database_size('bench'))")"
( i=0; while [ ! -f "$WORK/stop" ]; do
    "${FEEDBACK[@]}" capture --db "${BASE}bench" --prompt "during backup $i" --output o --rating 4 >/dev/null; i=$((i+1))
    # one JVM per capture: a few captures a second, enough to show the backup neither waits nor blocks
  done ) &
PIDS+=($!)
sleep 3
echo "-- the same while a process captures in a loop"
run "${FEEDBACK[@]}" backup "$WORK/b2.db" --db "${BASE}bench"
touch "$WORK/stop"

echo "== 3. verify the backup file"
run "${FEEDBACK[@]}" verify --db "$WORK/b1.db"

echo "== 4. verify on PostgreSQL"
run "${FEEDBACK[@]}" verify --db "${BASE}bench"
"${PSQL[@]}" -d bench -c "CREATE EXTENSION amcheck"
run "${FEEDBACK[@]}" verify --db "${BASE}bench"

echo "== 5. restore into an empty database"
run "${FEEDBACK[@]}" restore "$WORK/b1.db" --db "${BASE}restored"
"${FEEDBACK[@]}" stats --db "${BASE}restored" --json >"$WORK/s2.json"
"${FEEDBACK[@]}" stats --db "$WORK/b1.db" --json >"$WORK/s1.json"
cmp -s "$WORK/s1.json" "$WORK/s2.json" && echo "stats of the restored database = stats of the backup" \
  || { echo "stats differ"; diff "$WORK/s1.json" "$WORK/s2.json" | head; }
