#!/usr/bin/env bash
# Analysis and report benchmark on 1,000,000 generated entries (60 days, seed 42).
#
#   bench/analysis/run.sh            # data and database kept in $BENCH_DIR (default /tmp/feedback-bench-analysis)
#   RUNS=5 bench/analysis/run.sh     # more repetitions per figure (medians are reported)
#
# Needs: python3, /usr/bin/time, ../shared/bench/gen_feedback.py (or GEN=path). Times whole processes
# (JVM start included) with the command line a user runs: ./feedback when the launcher exists, else
# java -jar cli/target/feedback.jar (JAVA=... picks the JVM, JAVA_OPTS adds flags).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/feedback-bench-analysis}"
GEN="${GEN:-$ROOT/../shared/bench/gen_feedback.py}"
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_feedback.py
RUNS="${RUNS:-3}"
COUNT="${COUNT:-1000000}"
mkdir -p "$DIR"
DATA="$DIR/d${COUNT}.jsonl"
DB="$DIR/d${COUNT}.db"

if [ ! -x "$ROOT/feedback" ] || [ -n "${NO_LAUNCHER:-}" ]; then
  rm -f "$ROOT/cli/target/feedback.jar"
  (cd "$ROOT" && mvn -q -B -o package -DskipTests)
  JAR="$DIR/feedback.jar"
  cp "$ROOT/cli/target/feedback.jar" "$JAR"
  # shellcheck disable=SC2206
  FEEDBACK=(${JAVA:-java} ${JAVA_OPTS:-} -jar "$JAR")
else
  FEEDBACK=("$ROOT/feedback")
fi
echo "command: ${FEEDBACK[*]}"

if [ ! -f "$DATA" ]; then
  echo "generating $COUNT entries into $DATA"
  python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$DATA"
fi
if [ ! -f "$DB" ]; then
  echo "loading $DATA into $DB"
  start=$(date +%s)
  if "${FEEDBACK[@]}" import --help >/dev/null 2>&1; then
    "${FEEDBACK[@]}" import "$DATA" --db "$DB"
  else
    ${JAVA:-java} -cp "$ROOT/cli/target/feedback.jar" "$ROOT/bench/analysis/LoadJsonl.java" "$DATA" "$DB"
  fi
  echo "loaded in $(( $(date +%s) - start )) s"
fi

clear_cache() {
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM pattern_cache'); c.commit()" "$1"
}

# measure LABEL PREP CMD...: runs CMD $RUNS times (PREP before each), prints median wall time and peak RSS
measure() {
  local label="$1" prep="$2"; shift 2
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    $prep
    /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || {
      echo "FAILED: $*"; cat "$DIR/err.txt"; exit 1; }
    read -r t m < "$DIR/time.txt"
    times+=("$t"); rss+=("$m")
  done
  local mt mr
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  printf '| %-44s | %6.2f s | %5d MiB | runs: %s |\n' "$label" "$mt" $((mr / 1024)) "${times[*]}" | tee -a "$DIR/results.md"
}

noop() { :; }
cold() { clear_cache "$DB"; }

echo "| work ($COUNT entries, $(date -u +%F)) | median | peak RSS | all runs |" | tee "$DIR/results.md"
echo "|---|---|---|---|" | tee -a "$DIR/results.md"
measure "analyze --days 30, cold (no cache)" cold "${FEEDBACK[@]}" analyze --days 30 --db "$DB"
measure "analyze --days 30 --json, cold" cold "${FEEDBACK[@]}" analyze --days 30 --json --db "$DB"
"${FEEDBACK[@]}" analyze --days 30 --json --db "$DB" > /dev/null
measure "analyze --days 30 --json, nothing changed" noop "${FEEDBACK[@]}" analyze --days 30 --json --db "$DB"
measure "analyze --days 30, nothing changed" noop "${FEEDBACK[@]}" analyze --days 30 --db "$DB"
measure "report --period weekly" noop "${FEEDBACK[@]}" report --period weekly --db "$DB"
measure "report --period monthly" noop "${FEEDBACK[@]}" report --period monthly --db "$DB"
measure "report --period monthly --output m.html" noop "${FEEDBACK[@]}" report --period monthly --output "$DIR/monthly.html" --db "$DB"

# Cost against table size for a fixed window: the same 30 days in a table holding only them.
if [ -n "${SCALING:-1}" ] && [ "$SCALING" != 0 ]; then
  SMALL="$DIR/window-only.db"
  if [ ! -f "$SMALL" ]; then
    echo "building $SMALL (only the last 31 days)"
    cp "$DB" "$SMALL"
    python3 - "$SMALL" <<'PY'
import sqlite3, sys, datetime
c = sqlite3.connect(sys.argv[1])
cut = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=31)).strftime('%Y-%m-%dT%H:%M:%S')
c.execute("DELETE FROM feedback WHERE timestamp < ?", (cut,))
c.commit()
c.execute("VACUUM")
print("rows kept:", c.execute("SELECT count(*) FROM feedback").fetchone()[0])
PY
  fi
  measure "analyze --days 30, cold, window-only table" "clear_cache $SMALL" "${FEEDBACK[@]}" analyze --days 30 --db "$SMALL"
  measure "report --period monthly, window-only table" noop "${FEEDBACK[@]}" report --period monthly --db "$SMALL"
fi
echo "results in $DIR/results.md"
