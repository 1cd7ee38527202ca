#!/usr/bin/env bash
# Import through the launcher (`./feedback import FILE --db NEW`) against the Python reference
# (python_reference.py: Python's sqlite3, one executemany in one transaction, the specification's
# schema), alternating the two in one run, each into a new database; medians of end-to-end wall time
# (whole process, JVM or interpreter start included), entries/s and the ratio.
#
#   bench/import/vs-python.sh [entries] [rounds]        # default 100000 entries, 5 rounds
#   LAUNCHERS="before=/path/to/other/checkout/feedback" bench/import/vs-python.sh
#       adds other launchers (label=path, space-separated) to the alternation, e.g. a checkout of
#       the previous commit; FEEDBACK_JDK, FEEDBACK_NO_CACHE apply to every launcher.
#
# Data: gen_feedback.py (GEN_FEEDBACK=path, else the shared bench folder) --days 60 --seed 42, written
# to $BENCH_DATA (default /tmp) when missing. The first import through a launcher builds the jar and
# trains its start-up cache; that warm-up run is not counted.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-100000}
rounds=${2:-5}
data=${BENCH_DATA:-/tmp}
gen=${GEN_FEEDBACK:-}
for candidate in "$root/../shared/bench/gen_feedback.py" /work/shared/bench/gen_feedback.py; do
  if [[ -z $gen && -f $candidate ]]; then gen=$candidate; fi
done
file=$data/d$n.jsonl
if [[ ! -f $file ]]; then
  [[ -n $gen ]] || { echo "gen_feedback.py not found; set GEN_FEEDBACK" >&2; exit 1; }
  python3 "$gen" --count "$n" --days 60 --seed 42 --out "$file" --quiet
fi

launchers=("this=$root/feedback")
for l in ${LAUNCHERS:-}; do launchers+=("$l"); done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

"$root/bench/capture/environment.sh" "$work" bulk
for l in "${launchers[@]}"; do   # build and train outside the measured runs
  "${l#*=}" import "$file" --db "$work/warm.db" --json >/dev/null; rm -f "$work"/warm.db*
done

timed() {  # label command...: one run into a new database, "label seconds" on stdout
  local label=$1 s e; shift
  rm -f "$work"/run.db*
  s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
  awk -v l="$label" -v s="$s" -v e="$e" 'BEGIN {printf "%s %.3f\n", l, (e - s) / 1e9}'
}

for _ in $(seq "$rounds"); do
  timed python python3 "$root/bench/import/python_reference.py" "$file" "$work/run.db"
  for l in "${launchers[@]}"; do
    timed "${l%%=*}" "${l#*=}" import "$file" --db "$work/run.db" --json
  done
done | python3 -c '
import statistics, sys
n = int(sys.argv[1])
runs = {}
for line in sys.stdin:
    label, seconds = line.split()
    runs.setdefault(label, []).append(float(seconds))
py = statistics.median(runs["python"])
for label, v in runs.items():
    m = statistics.median(v)
    print("%-8s median %6.2f s = %7.0f entries/s  (%s)  %.2fx python" % (
        label, m, n / m, " ".join("%.2f" % x for x in v), py / m))
' "$n"
