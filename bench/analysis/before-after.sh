#!/usr/bin/env bash
# Cold analyses of the last 30 days of 1,000,000 generated entries, before and after a change, in one
# run on the same data:
#
#   bench/analysis/before-after.sh            # compares this checkout with main
#   REF=abc123 RUNS=5 bench/analysis/before-after.sh
#
# Builds REF (git archive, offline Maven) and this checkout; imports the data (lib.sh: 60 days, seed
# 42) with REF's build into before.db; copies it to after.db and opens that once with this checkout's
# build (schema migration and whatever a first analysis computes and keeps, e.g. task types: timed
# and printed on its own); then alternates cold analyses (analysis cache cleared before each) of
# REF on before.db and of this checkout on after.db, RUNS times each, and prints medians. Both run
# as bench/analysis/run.sh runs a jar without the launcher (short-run JVM flags, serial GC).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REF="${REF:-main}"
RUNS="${RUNS:-5}"
# shellcheck source=lib.sh
. "$ROOT/bench/analysis/lib.sh"
OPTS="${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable}"

build() { # build SRC JAR: packages the CLI of SRC into JAR
  (cd "$1" && mvn -q -B -o package -DskipTests -pl cli -am) && cp "$1/cli/target/feedback.jar" "$2"
}
if [ ! -f "$DATA" ]; then
  python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$DATA"
fi
REFSRC="$DIR/ref-src"
rm -rf "$REFSRC" && mkdir -p "$REFSRC"
git -C "$ROOT" archive "$REF" | tar -x -C "$REFSRC"
build "$REFSRC" "$DIR/before.jar"
build "$ROOT" "$DIR/after.jar"
# shellcheck disable=SC2206
BEFORE=(${JAVA:-java} $OPTS -jar "$DIR/before.jar")
# shellcheck disable=SC2206
AFTER=(${JAVA:-java} $OPTS -jar "$DIR/after.jar")

rm -f "$DIR/before.db" "$DIR/after.db"
echo "importing $DATA with $REF"
"${BEFORE[@]}" import "$DATA" --db "$DIR/before.db" > /dev/null
cp "$DIR/before.db" "$DIR/after.db"
describe_machine
/usr/bin/time -f "%e s wall, %U s user, %S s system, %M KiB peak" -o "$DIR/first.txt" \
  "${AFTER[@]}" analyze --days 30 --db "$DIR/after.db" > /dev/null
echo "after: first open and analysis of after.db (migration, first-use work): $(cat "$DIR/first.txt")"

clear_cache() {
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM pattern_cache WHERE cache_key LIKE 'analysis/%'\"); c.commit()" "$1"
}
declare -a before_t after_t before_m after_m
for i in $(seq "$RUNS"); do
  for side in before after; do
    clear_cache "$DIR/$side.db"
    if [ "$side" = before ]; then cmd=("${BEFORE[@]}"); else cmd=("${AFTER[@]}"); fi
    /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "${cmd[@]}" analyze --days 30 --db "$DIR/$side.db" > "$DIR/$side.out"
    read -r t m < "$DIR/time.txt"
    echo "run $i $side: $t s, $((m / 1024)) MiB"
    if [ "$side" = before ]; then before_t+=("$t"); before_m+=("$m"); else after_t+=("$t"); after_m+=("$m"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "analyze --days 30, cold, median of $RUNS: $REF $(median "${before_t[@]}") s ($(( $(median "${before_m[@]}") / 1024 )) MiB)," \
  "this checkout $(median "${after_t[@]}") s ($(( $(median "${after_m[@]}") / 1024 )) MiB); load now $(cut -d' ' -f1-3 /proc/loadavg)"
