#!/usr/bin/env bash
# Analysis and report benchmark on 1,000,000 generated entries (60 days, seed 42).
#
#   bench/analysis/run.sh            # data and database kept in $BENCH_DIR (default /tmp/feedback-bench-analysis)
#   RUNS=5 bench/analysis/run.sh     # more repetitions per figure (medians are reported)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AOT=1 bench/analysis/run.sh   # JDK 25 with an AOT cache
#
# Needs: python3, /usr/bin/time, ../shared/bench/gen_feedback.py (or GEN=path). Repeated reports on
# several JDKs, before and after a change: report.sh. Times whole processes
# (JVM start included) with the command line a user runs: ./feedback when the launcher exists, else
# java -jar cli/target/feedback.jar with the short-run flags the launcher uses (JAVA picks the JVM,
# JAVA_OPTS replaces the flags; AOT=1 trains and uses a JDK 25 AOT cache; the SQLite native library
# is extracted once and loaded from there, as the launcher does).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-3}"
SCALING="${SCALING:-1}"
# shellcheck source=lib.sh
. "$ROOT/bench/analysis/lib.sh"

if [ ! -x "$ROOT/feedback" ] || [ -n "${NO_LAUNCHER:-}" ]; then
  rm -f "$ROOT/cli/target/feedback.jar"
  (cd "$ROOT" && mvn -q -B -o package -DskipTests)
  JAR="$DIR/feedback.jar"
  cp "$ROOT/cli/target/feedback.jar" "$JAR"
  LIB="$DIR/sqlite-native"
  rm -rf "$LIB" && mkdir -p "$LIB" && (cd "$LIB" && unzip -q -o "$JAR" 'org/sqlite/native/Linux/x86_64/*')
  OPTS="${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable}"
  OPTS="$OPTS -Dorg.sqlite.lib.path=$LIB/org/sqlite/native/Linux/x86_64 -Dorg.sqlite.lib.name=libsqlitejdbc.so"
  # shellcheck disable=SC2206
  FEEDBACK=(${JAVA:-java} $OPTS -jar "$JAR")
else
  FEEDBACK=("$ROOT/feedback")
fi
echo "command: ${FEEDBACK[*]}"

prepare_db "${FEEDBACK[@]}"
describe_machine

clear_cache() {
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM pattern_cache WHERE cache_key LIKE 'analysis/%'\"); c.commit()" "$1"
}
clear_rollups() {
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM pattern_cache WHERE cache_key LIKE 'report-day/%'\"); c.commit()" "$1"
}

if [ -n "${AOT:-}" ] && [ -n "${JAR:-}" ]; then
  echo "training an AOT cache"
  clear_cache "$DB"; clear_rollups "$DB"
  AOTFILE="$DIR/app.aot"; rm -f "$AOTFILE"
  # shellcheck disable=SC2206
  TRAIN=(${FEEDBACK[@]:0:${#FEEDBACK[@]}-2})
  "${TRAIN[@]}" -XX:AOTCacheOutput="$AOTFILE" -jar "$JAR" analyze --days 30 --db "$DB" >/dev/null 2>&1
  # shellcheck disable=SC2206
  FEEDBACK=(${TRAIN[@]} -XX:AOTCache="$AOTFILE" -jar "$JAR")
  clear_rollups "$DB"
fi

# measure LABEL PREP CMD...: runs CMD $RUNS times (PREP before each), prints the median wall time, the
# median CPU time (user + system, all threads) and the peak RSS
measure() {
  local label="$1" prep="$2"; shift 2
  local times=() cpus=() rss=()
  for _ in $(seq "$RUNS"); do
    $prep
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || {
      echo "FAILED: $*"; cat "$DIR/err.txt"; exit 1; }
    read -r t u s m < "$DIR/time.txt"
    times+=("$t"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"); rss+=("$m")
  done
  local mt mc mr
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  printf '| %-52s | %6.2f s | %6.2f s | %5d MiB | %s |\n' "$label" "$mt" "$mc" $((mr / 1024)) "${times[*]}" \
    | tee -a "$DIR/results.md"
}

noop() { :; }
cold() { clear_cache "$DB"; }
no_rollups() { clear_rollups "$DB"; }

echo "| work ($COUNT entries, $(date -u +%F)) | wall (median) | CPU (median) | peak RSS | wall, all runs |" \
  | tee "$DIR/results.md"
echo "|---|---|---|---|---|" | tee -a "$DIR/results.md"
measure "analyze --days 30, cold (no cache)" cold "${FEEDBACK[@]}" analyze --days 30 --db "$DB"
measure "analyze --days 30 --json, cold" cold "${FEEDBACK[@]}" analyze --days 30 --json --db "$DB"
"${FEEDBACK[@]}" analyze --days 30 --json --db "$DB" > /dev/null
measure "analyze --days 30 --json, nothing changed" noop "${FEEDBACK[@]}" analyze --days 30 --json --db "$DB"
measure "analyze --days 30, nothing changed" noop "${FEEDBACK[@]}" analyze --days 30 --db "$DB"
measure "report --period monthly, first (builds day rollups)" no_rollups "${FEEDBACK[@]}" report --period monthly --db "$DB"
"${FEEDBACK[@]}" report --period monthly --db "$DB" > /dev/null   # the period before gets its rollups too
measure "report --period weekly" noop "${FEEDBACK[@]}" report --period weekly --db "$DB"
measure "report --period monthly" noop "${FEEDBACK[@]}" report --period monthly --db "$DB"
measure "report --period monthly --output m.html" noop "${FEEDBACK[@]}" report --period monthly --output "$DIR/monthly.html" --db "$DB"

# Cost against table size for a fixed window: the same 30 days in a table holding only them.
if [ "$SCALING" != 0 ]; then
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
  measure "report --period monthly, first, window-only table" "clear_rollups $SMALL" "${FEEDBACK[@]}" report --period monthly --db "$SMALL"
fi
echo "results in $DIR/results.md"
