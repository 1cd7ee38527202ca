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
GEN="${GEN_FEEDBACK:-}"
for c in "$ROOT/../shared/bench/gen_feedback.py" /work/shared/bench/gen_feedback.py; do
  if [ -z "$GEN" ] && [ -f "$c" ]; then GEN=$c; fi
done
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

WORK="$(mktemp -d)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
(cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am >/dev/null)
FEEDBACK=(java -jar "$ROOT/cli/target/feedback.jar")
(cd "$ROOT" && mvn -q -B -o -pl core,store-postgres package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$WORK/pgcp.txt" -Dmdep.includeScope=test >/dev/null)
PGCP="$ROOT/store-postgres/target/test-classes:$ROOT/store-postgres/target/classes:$(cat "$WORK/pgcp.txt")"

echo "== PostgreSQL"
java -cp "$PGCP" dev.feedbackloop.storage.postgres.PostgresServer >"$WORK/pg.txt" 2>"$WORK/pg.err" &
PIDS+=($!)
until [ -s "$WORK/pg.txt" ]; do sleep 0.2; kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$WORK/pg.err"; exit 1; }; done
BASE=$(cut -d' ' -f1 "$WORK/pg.txt")
PORT=$(echo "$BASE" | sed -E 's#.*:([0-9]+)/$#\1#')
export PGPASSWORD=feedback-test
PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench" -c "CREATE DATABASE restored"
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"

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
secs() { python3 -c "import sys; print('%.2f' % ((int(sys.argv[2]) - int(sys.argv[1])) / 1e9))" "$1" "$2"; }
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
