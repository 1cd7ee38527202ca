#!/usr/bin/env bash
# Cost of masking at capture.
#   bench/privacy/run.sh [entries] [runs]   (defaults 20000 and 15)
# 1. in process: MaskingBench.java masks generated entries (with and without personal data added),
#    median microseconds per capture after warm-up;
# 2. whole process: `feedback capture` of an entry holding an e-mail address, a phone number and a
#    card number with --masking off and --masking mask, alternating, median wall time of N runs each
#    (the first masked capture of a process loads libphonenumber's metadata).
# Needs a built cli/target/feedback.jar (mvn -o -q package -DskipTests -pl cli -am).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-20000}"; RUNS="${2:-15}"
JAR="${JAR:-$ROOT/cli/target/feedback.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -cp "$JAR" "$ROOT/bench/privacy/MaskingBench.java" "$N"

OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable"
java -cp "$JAR" dev.feedbackloop.cli.Main init --db "$WORK/f.db" > /dev/null
for i in $(seq "$RUNS"); do
  for mode in off mask; do
    TIMEFORMAT='%R'
    t=$( { time java $OPTS -cp "$JAR" dev.feedbackloop.cli.Main capture --db "$WORK/f.db" --masking "$mode" \
      --prompt "Summarise the thread and reply to jane.doe@example.com or +44 20 7946 0958" \
      --output "Done. The card 4111 1111 1111 1111 was charged." --rating 5 > /dev/null; } 2>&1 )
    echo "$mode $t" >> "$WORK/times"
  done
done
python3 - "$WORK/times" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    mode, s = line.split()
    t.setdefault(mode, []).append(float(s))
for mode in ("off", "mask"):
    print(f"capture --masking {mode}: median {statistics.median(t[mode]):.3f} s over {len(t[mode])} runs (whole process)")
print(f"difference: {1000 * (statistics.median(t['mask']) - statistics.median(t['off'])):.0f} ms")
PY
