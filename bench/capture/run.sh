#!/usr/bin/env bash
# One `./feedback --capture ...` on an initialised database, whole process: median and p90 of N runs,
# for every JDK 17+ found under /usr/lib/jvm (the launcher picks the newest by default).
# Usage: bench/capture/run.sh [runs]   (default 30)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-30}"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

stats() { sort -n | awk '{a[NR]=$1} END {printf "median %.3f s  p90 %.3f s  min %.3f s  (n=%d)\n", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[1], NR}'; }

for jdk in /usr/lib/jvm/*; do
  [ -f "$jdk/release" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
  [ "$major" -ge 17 ] 2>/dev/null || continue
  [ -L "$jdk" ] && continue
  export FEEDBACK_JDK="$jdk"
  "$ROOT/feedback" --version >/dev/null            # builds and trains the cache for this JDK if needed
  "$ROOT/feedback" init --db "$WORK/f.db" >/dev/null
  for mode in cache nocache; do
    if [ $mode = nocache ]; then export FEEDBACK_NO_CACHE=1; else unset FEEDBACK_NO_CACHE; fi
    for i in $(seq "$RUNS"); do
      s=$(date +%s%N)
      "$ROOT/feedback" --capture --db "$WORK/f.db" --prompt "Explain quantum computing in simple terms" \
        --output "Quantum computing uses quantum mechanics..." --rating 5 --thumbs-up \
        --tags "technical,explanation" --framework "chain-of-thought" --model "claude-sonnet-4" >/dev/null
      e=$(date +%s%N)
      awk -v s="$s" -v e="$e" 'BEGIN {printf "%.4f\n", (e - s) / 1e9}'
    done | stats | sed "s|^|JDK $major ($(basename "$jdk")), start-up cache: $mode: |"
  done
done
