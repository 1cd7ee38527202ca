#!/usr/bin/env bash
# Report benchmark on 1,000,000 generated entries (60 days, seed 42; see README.md): weekly and monthly
# reports (the last 7 / 30 days ending now) and a calendar week, repeated, each a whole process through
# the ./feedback launcher, on every JDK in JDKS. With BEFORE=REV the same runs of the code at git
# revision REV (a fresh export with its own launcher state) are interleaved with this checkout's, so both
# see the same machine load.
#
#   bench/analysis/report.sh
#   BEFORE=fbe58c2 RUNS=7 bench/analysis/report.sh
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64" bench/analysis/report.sh
#
# Before the timed runs, one report of each kind brings the day rollups (and the launcher's build and
# start-up cache) into place, as a first report after an import does; the timed runs are the repeated case.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-5}"
JDKS="${JDKS:-$(ls -d /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25* 2>/dev/null | tr '\n' ' ')}"
# shellcheck source=lib.sh
. "$ROOT/bench/analysis/lib.sh"

TREES=("$ROOT")
if [ -n "${BEFORE:-}" ]; then
  OLD="$DIR/before-$BEFORE"
  if [ ! -d "$OLD" ]; then
    mkdir -p "$OLD" && git -C "$ROOT" archive "$BEFORE" | tar -x -C "$OLD"
  fi
  TREES=("$OLD" "$ROOT")
fi
prepare_db "$ROOT/feedback"
WEEK=$(date -d '7 days ago' +%G-W%V)   # the last calendar week that has ended, or nearly
KINDS=("--period weekly" "--period monthly" "--week $WEEK")

describe_machine
echo "| JDK | code | report | wall (median) | CPU (median) | wall, all runs |" | tee "$DIR/report-results.md"
echo "|---|---|---|---|---|---|" | tee -a "$DIR/report-results.md"
for jdk in $JDKS; do
  export FEEDBACK_JDK="$jdk"
  for tree in "${TREES[@]}"; do
    for kind in "${KINDS[@]}"; do
      # shellcheck disable=SC2086
      "$tree/feedback" report $kind --db "$DB" > /dev/null
    done
    describe_java "$tree"
  done
  for tree in "${TREES[@]}"; do for kind in "${KINDS[@]}"; do : > "$DIR/t-${tree//\//_}-${kind// /_}"; done; done
  for _ in $(seq "$RUNS"); do
    for kind in "${KINDS[@]}"; do
      for tree in "${TREES[@]}"; do
        # shellcheck disable=SC2086
        /usr/bin/time -a -f "%e %U %S" -o "$DIR/t-${tree//\//_}-${kind// /_}" "$tree/feedback" report $kind --db "$DB" > /dev/null
      done
    done
  done
  for kind in "${KINDS[@]}"; do
    for tree in "${TREES[@]}"; do
      f="$DIR/t-${tree//\//_}-${kind// /_}"
      code=$([ "$tree" = "$ROOT" ] && echo "this checkout" || echo "$BEFORE")
      printf '| %s | %s | %s | %.2f s | %.2f s | %s |\n' "$(basename "$jdk")" "$code" "$kind" \
        "$(awk '{print $1}' "$f" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
        "$(awk '{printf "%.2f\n", $2 + $3}' "$f" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
        "$(awk '{printf "%s ", $1}' "$f")" | tee -a "$DIR/report-results.md"
    done
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); results in $DIR/report-results.md"
