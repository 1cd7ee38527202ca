#!/usr/bin/env bash
# Alternates imports of one file through launchers and JVM option variants, each into a new database,
# and prints each run's wall time and CPU time (user + system, which holds up better than wall time
# on a machine shared with other work), then the medians per variant.
#
#   bench/import/variants.sh FILE ROUNDS 'label=LAUNCHER[|JVM OPTIONS]'...
#   bench/import/variants.sh /tmp/d100000.jsonl 4 "this=./feedback" "c1=./feedback|-XX:TieredStopAtLevel=1" \
#       "before=../other-checkout/feedback"
#
# The options go through FEEDBACK_JAVA_OPTS, after the launcher's own (so they override them). Build and
# train each launcher first (one import through it): a run that builds is not told apart.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
file=$1 rounds=$2; shift 2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

for _ in $(seq "$rounds"); do
  for v in "$@"; do
    label=${v%%=*} rest=${v#*=} opts=""
    launcher=${rest%%|*}
    [[ $rest == *"|"* ]] && opts=${rest#*|}
    rm -f "$work"/run.db*
    s=$(date +%s%N)
    cpu=$( { FEEDBACK_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S" "$launcher" import "$file" --db "$work/run.db" --json \
      >/dev/null; } 2>&1 | tail -1)
    e=$(date +%s%N)
    echo "$label $(awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f", (e - s) / 1e9}') $cpu $(cut -d' ' -f1 /proc/loadavg)"
  done
done | python3 -c '
import collections, statistics, sys
wall, cpu = collections.defaultdict(list), collections.defaultdict(list)
for line in sys.stdin:
    label, w, user, system, load = line.split()
    print("%-12s wall %6s s  cpu %5.2f s  load %s" % (label, w, float(user) + float(system), load), flush=True)
    wall[label].append(float(w)); cpu[label].append(float(user) + float(system))
for label in wall:
    print("%-12s median wall %.2f s  cpu %.2f s  (walls %s)" % (label, statistics.median(wall[label]),
          statistics.median(cpu[label]), " ".join("%.2f" % x for x in wall[label])))
'
