# Shared by the concurrency benchmarks (sourced, not run): settings from the environment, with the
# sourcing script's CAPTURES default, and the capture load.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/feedback-bench-concurrency}"
GEN="${GEN:-$ROOT/../shared/bench/gen_feedback.py}"
COUNT="${COUNT:-1000000}"
PROCS="${PROCS:-8}"
FEEDBACK="$ROOT/feedback"
mkdir -p "$DIR"

# capture_load NAME DB PROCS CAPTURES: PROCS background processes, each running CAPTURES
#   `./feedback --capture` commands into DB; latencies go to $DIR/latencies-NAME, the ids of failed
#   captures to $DIR/failures-NAME and their errors to $DIR/failures-NAME.log. Returns at once; `wait`
#   for the capturers' pids in CAPTURERS.
# capture_summary NAME: prints attempted/failed and latency percentiles; returns non-zero on a failure.

capture_load() {
  local name=$1 db=$2 procs=$3 captures=$4
  LAT="$DIR/latencies-$name"; FAIL="$DIR/failures-$name"; : >"$LAT"; : >"$FAIL"; : >"$FAIL.log"
  ATTEMPTED=$((procs * captures))
  CAPTURERS=()
  for p in $(seq "$procs"); do
    (
      for i in $(seq "$captures"); do
        s=$(date +%s%N)
        if "$FEEDBACK" --capture --db "$db" --prompt "concurrent capture $name $p-$i $(date +%s%N)" --output "o" \
             --rating $((1 + i % 5)) --tags bench,concurrency >/dev/null 2>>"$FAIL.log"; then
          awk -v s="$s" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}' >>"$LAT"
        else
          echo "$p-$i" >>"$FAIL"
        fi
      done
    ) &
    CAPTURERS+=($!)
  done
}

capture_summary() {
  local name=$1
  local lat="$DIR/latencies-$name" fail="$DIR/failures-$name"
  echo "captures: $ATTEMPTED attempted, $(wc -l <"$fail") failed"
  sort -n "$lat" | awk '{a[NR]=$1} END {printf "capture latency: median %.3f s, p90 %.3f s, max %.3f s\n", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[NR]}'
  if [ -s "$fail.log" ]; then echo "errors:"; sort "$fail.log" | uniq -c | head; fi
  [ ! -s "$fail" ]
}
