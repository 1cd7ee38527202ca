#!/usr/bin/env bash
# Short commands through launchers and JVM option variants, alternating, each a whole process: what a
# change to start-up or to the analysis path costs or saves, measured in one run so that every variant
# sees the same machine load. Prints every run's wall time and CPU time (user + system), then medians.
#
#   bench/analysis/alternate.sh ROUNDS DB 'label=LAUNCHER[|JVM OPTIONS]'...
#   bench/analysis/alternate.sh 9 /tmp/feedback-bench-analysis/d1000000.db "main=./feedback" \
#       "native=./feedback|-Djdk.reflect.useNativeAccessorOnly=true" "before=../other-checkout/feedback"
#   bench/analysis/alternate.sh 6 postgresql://user:pw@127.0.0.1:5432/db "this=./feedback" "before=..."
#
# DB: a SQLite file or a PostgreSQL URL holding data (bench/analysis/run.sh or bench/postgres/run.sh make
# some). Per round and variant: `analyze --days 30 --json` unchanged, `report --period weekly` repeated
# (--json and text), a capture into a throwaway SQLite file (so DB's data, and its caches, stay as they are)
# and, with COLD=1, a cold `analyze --days 30` (a --min-samples never used before: a new cache key).
# The options go through FEEDBACK_JAVA_OPTS, after the launcher's own. The launchers are warmed first
# (a run of each command, not counted: builds and start-up caches).
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,17p' "$0" >&2; exit 2; }
rounds=$1 db=$2; shift 2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ms=$(( $(date +%s) % 100000 + 1000 ))

run() {  # label launcher opts command...: one line "label command wall cpu"
  local label=$1 launcher=$2 opts=$3 what=$4; shift 4
  local s e cpu
  s=$(date +%s%N)
  cpu=$( { FEEDBACK_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S" "$launcher" "$@" >/dev/null; } 2>&1 | tail -1)
  e=$(date +%s%N)
  echo "$label $what $(awk -v s="$s" -v e="$e" 'BEGIN {printf "%.3f", (e - s) / 1e9}') $cpu"
}

round() {  # counted: 0 for the warm-up
  for v in "$@"; do
    local label=${v%%=*} rest=${v#*=} opts="" launcher
    launcher=${rest%%|*}
    [[ $rest == *"|"* ]] && opts=${rest#*|}
    run "$label" "$launcher" "$opts" analyze-unchanged analyze --days 30 --db "$db" --json
    run "$label" "$launcher" "$opts" weekly-json report --period weekly --db "$db" --json
    run "$label" "$launcher" "$opts" weekly-text report --period weekly --db "$db"
    run "$label" "$launcher" "$opts" capture capture --db "$work/capture.db" --prompt "a prompt" --output "an answer" --rating 4
    if [[ ${COLD:-0} == 1 ]]; then
      ms=$((ms + 1))
      run "$label" "$launcher" "$opts" analyze-cold analyze --days 30 --db "$db" --json --min-samples "$ms"
    fi
  done
}

round "$@" >/dev/null 2>&1 || true
for _ in $(seq "$rounds"); do round "$@"; done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    label, what, wall, user, system = line.split()
    runs[(what, label)].append((float(wall), float(user) + float(system)))
print("| command | variant | wall (median) | CPU (median) | wall, all runs |")
print("|---|---|---|---|---|")
for (what, label), xs in sorted(runs.items()):
    print("| %s | %s | %.3f s | %.2f s | %s |" % (what, label, statistics.median(x[0] for x in xs),
          statistics.median(x[1] for x in xs), " ".join("%.2f" % x[0] for x in xs)))
'
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
