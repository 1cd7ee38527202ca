#!/usr/bin/env bash
# Purge of about half of 1,000,000 entries, and whether every cache agrees afterwards.
#
#   bench/lifecycle/run.sh                 # data kept in $BENCH_DIR (default /tmp/feedback-bench-lifecycle)
#   COUNT=200000 bench/lifecycle/run.sh    # a smaller run
#   AGE=half bench/lifecycle/run.sh        # purge the older half exactly (an age in hours from the median entry)
#
# 1. generates COUNT entries over 360 days (seed 42) with the product's generator, once;
# 2. on a copy: builds the caches a running system has (day rollups of the calendar week and month
#    that straddle the cut-off, of a week wholly before it, the analysis cache), then times
#    `feedback purge --older-than $AGE` (default 180d: about 450,000 of the generated 1M; AGE=half: the
#    older half) (whole process, JVM start included);
# 3. builds a reference database that never had the purged entries and no caches (a copy of the
#    original with those rows removed by plain SQL and every cache, report and change dropped; the
#    row ids stay the same, which the analysis's phrase sample is keyed by) and compares stats, those
#    reports and a 200-day analysis of both (JSON, without the fields that say when they were
#    computed and the rolling window's bounds). Exits 1 when they differ.
# Needs: java, python3, a built cli/target/feedback.jar (mvn -o -q package -DskipTests -pl cli -am).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/feedback-bench-lifecycle}"
COUNT="${COUNT:-1000000}"
JAR="${JAR:-$ROOT/cli/target/feedback.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am)
FEEDBACK=(java -cp "$JAR" dev.feedbackloop.cli.Main)
mkdir -p "$DIR"
BASE="$DIR/base-$COUNT.db"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
if [ ! -f "$BASE" ]; then
  echo "generating $COUNT entries over 360 days into $BASE"
  rm -f "$BASE.partial"*
  "${FEEDBACK[@]}" generate --count "$COUNT" --days 360 --seed 42 --db "$BASE.partial" --json > /dev/null
  mv "$BASE.partial" "$BASE"
fi
DB="$DIR/purged.db"; REF="$DIR/reference.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$REF" "$REF-wal" "$REF-shm"
cp "$BASE" "$DB"

AGE="${AGE:-180d}"
if [ "$AGE" = half ]; then
  AGE=$(python3 -c '
import sqlite3, sys, datetime
c = sqlite3.connect(sys.argv[1])
n = c.execute("select count(*) from feedback").fetchone()[0]
t = c.execute("select timestamp from feedback order by timestamp limit 1 offset ?", (n // 2,)).fetchone()[0]
age = datetime.datetime.now(datetime.timezone.utc) - datetime.datetime.fromisoformat(t)
print(f"{int(age.total_seconds() // 3600)}h")' "$DB")
fi
read -r WEEK MONTH OLDWEEK < <(python3 -c '
import datetime as d, sys
age = sys.argv[1]
cut = d.datetime.now() - (d.timedelta(hours=int(age[:-1])) if age.endswith("h") else d.timedelta(days=int(age[:-1])))
old = cut - d.timedelta(days=30)
w = cut.isocalendar(); o = old.isocalendar()
print(f"{w[0]}-W{w[1]:02d}", cut.strftime("%Y-%m"), f"{o[0]}-W{o[1]:02d}")' "$AGE")
echo "reports compared: week $WEEK and month $MONTH (straddle the cut-off), week $OLDWEEK (wholly purged)"

answers() { # answers DB OUTDIR: what users read off the database
  mkdir -p "$2"
  "${FEEDBACK[@]}" stats --db "$1" --json > "$2/stats.json"
  "${FEEDBACK[@]}" report --week "$WEEK" --db "$1" --json > "$2/week.json"
  "${FEEDBACK[@]}" report --month "$MONTH" --db "$1" --json > "$2/month.json"
  "${FEEDBACK[@]}" report --week "$OLDWEEK" --db "$1" --json > "$2/oldweek.json"
  "${FEEDBACK[@]}" analyze --days 200 --db "$1" --json > "$2/analysis.json"
}

echo "building caches on the copy"
answers "$DB" "$DIR/before" > /dev/null
echo "rows: $(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from feedback").fetchone()[0])' "$DB")"

START=$(date +%s.%N)
"${FEEDBACK[@]}" purge --older-than "$AGE" --db "$DB" --json > "$DIR/purge.json"
END=$(date +%s.%N)
python3 - "$DIR/purge.json" "$START" "$END" "$AGE" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(f"purge --older-than {sys.argv[4]}: {p['entries']:,} entries deleted in {float(sys.argv[3]) - float(sys.argv[2]):.2f} s (whole process)")
PY
CHANGES=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*), sum(entries) from changes").fetchone())' "$DB")
echo "change log rows (count, entries covered): $CHANGES"
UNTIL=$(python3 -c 'import sqlite3,sys,json; print(json.loads(sqlite3.connect(sys.argv[1]).execute("select detail from audit order by id desc limit 1").fetchone()[0])["until"])' "$DB")

START=$(date +%s.%N)
answers "$DB" "$DIR/after"
END=$(date +%s.%N)
python3 -c "import sys; print(f'answers after the purge (stats, 3 reports, analysis; 5 processes): {float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$START" "$END"

echo "reference: the entries from $UNTIL on, in a database that never had the others nor any cache"
cp "$BASE" "$REF"
python3 - "$REF" "$UNTIL" <<'PY'
import sqlite3, sys, datetime
until = datetime.datetime.fromisoformat(sys.argv[2].rstrip("Z")[:26]).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
c = sqlite3.connect(sys.argv[1])
for sql in ("DELETE FROM feedback WHERE timestamp < ?", "DELETE FROM feedback_history WHERE timestamp < ?"):
    c.execute(sql, (until,))
for table in ("pattern_cache", "reports", "changes"):
    c.execute(f"DELETE FROM {table}")
c.commit()
PY
answers "$REF" "$DIR/reference"

python3 - "$DIR/after" "$DIR/reference" <<'PY'
import json, os, sys
SKIP = {"generated_at", "computed_at", "elapsed_seconds", "created_at", "window"}
def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if k not in SKIP}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return v
bad = 0
for f in sorted(os.listdir(sys.argv[1])):
    a = clean(json.load(open(os.path.join(sys.argv[1], f))))
    b = clean(json.load(open(os.path.join(sys.argv[2], f))))
    same = a == b
    bad += not same
    print(f"  {f}: {'same as the reference' if same else 'DIFFERS from the reference'}")
sys.exit(1 if bad else 0)
PY
echo "consistent: every answer equals the reference"
