#!/usr/bin/env bash
# One `./feedback --capture ...` on an initialised database, whole process: median, p90 and min of the
# wall time of N runs and the median CPU time (user + system of all threads, steadier than wall time on
# a shared machine), for every JDK 17+ found under /usr/lib/jvm (the launcher picks the newest by
# default), with and without the start-up cache, the variants alternating run by run (a busy machine
# slows all alike).
# First it prints what it runs on (JDK, whether the cache is really used, file systems, load).
#
#   bench/capture/run.sh [runs]   (default 30)
#   LAUNCHERS="before=/path/to/other/checkout/feedback" bench/capture/run.sh 15
#       adds other launchers (label=path, space-separated) to the alternation, e.g. a checkout of
#       the previous commit, for a before/after ratio measured in one run
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-30}"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
launchers=("this=$ROOT/feedback")
for l in ${LAUNCHERS:-}; do launchers+=("$l"); done

# one timed capture: "label wall user sys" (seconds) on stdout; the capture's own errors go to stderr
capture() {  # label launcher [env...]
  local label=$1 launcher=$2 t; shift 2
  t=$( { TIMEFORMAT='%R %U %S'; time env "$@" "$launcher" --capture --db "$WORK/f.db" \
    --prompt "Explain quantum computing in simple terms" --output "Quantum computing uses quantum mechanics..." \
    --rating 5 --thumbs-up --tags "technical,explanation" --framework "chain-of-thought" --model "claude-sonnet-4" \
    >/dev/null 2>"$WORK/err"; } 2>&1 )
  cat "$WORK/err" >&2
  echo "$label $t"
}

for jdk in /usr/lib/jvm/*; do
  [ -f "$jdk/release" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
  [ "$major" -ge 17 ] 2>/dev/null || continue
  [ -L "$jdk" ] && continue
  export FEEDBACK_JDK="$jdk"
  echo "== JDK $major ($(basename "$jdk"))"
  for l in "${launchers[@]}"; do
    "${l#*=}" --version >/dev/null          # builds and trains the cache for this JDK if needed
  done
  "$ROOT/bench/capture/environment.sh" "$WORK" short
  "$ROOT/feedback" init --db "$WORK/f.db" >/dev/null
  for _ in $(seq "$RUNS"); do
    for l in "${launchers[@]}"; do
      capture "${l%%=*}/cache" "${l#*=}" FEEDBACK_NO_CACHE=0
      capture "${l%%=*}/nocache" "${l#*=}" FEEDBACK_NO_CACHE=1
    done
  done | python3 -c '
import statistics, sys
runs = {}
cpu = {}
for line in sys.stdin:
    label, wall, user, system = line.split()
    runs.setdefault(label, []).append(float(wall))
    cpu.setdefault(label, []).append(float(user) + float(system))
first = None
for label, v in runs.items():
    v.sort()
    m = statistics.median(v)
    first = first or m
    print("%-16s median %.3f s  p90 %.3f s  min %.3f s  cpu %.3f s  (n=%d)  %.2fx the first" % (
        label, m, v[min(len(v) - 1, int(len(v) * 0.9 + 0.5) - 1)], v[0], statistics.median(cpu[label]),
        len(v), m / first))
'
done
