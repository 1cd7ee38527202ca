#!/usr/bin/env bash
# The task classifier's and the prompt features' cost a prompt (warm, one thread), on the prompts of a JSON Lines file:
#
#   bench/analysis/classifier.sh [FILE]     # default: /tmp/d100000.jsonl (gen_feedback.py --count 100000 --days 60 --seed 42)
#
# Builds the runnable jar when missing; runs ClassifierBench.java as a single-file program against it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILE="${1:-${BENCH_DATA:-/tmp}/d100000.jsonl}"
if [ ! -f "$FILE" ]; then
  GEN="${GEN_FEEDBACK:-$ROOT/../shared/bench/gen_feedback.py}"
  [ -f "$GEN" ] || { echo "no $FILE and no gen_feedback.py (GEN_FEEDBACK=path)" >&2; exit 1; }
  python3 "$GEN" --count 100000 --days 60 --seed 42 --out "$FILE" --quiet
fi
[ -f "$ROOT/cli/target/feedback.jar" ] || (cd "$ROOT" && mvn -q -B -o package -DskipTests -pl cli -am >/dev/null)
echo "java: $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$ROOT/cli/target/feedback.jar" "$ROOT/bench/analysis/ClassifierBench.java" "$FILE"
