#!/usr/bin/env bash
# Calibration of the alerts (docs/alerts.md): no change over 90 daily looks at 30 groups, a 10-point drop
# in one group of 200 votes/day, and the specification's "declined by more than 10%" rule in the same runs.
# Prints a Markdown table (stdout) and timings (stderr). Deterministic for a seed.
# Usage: bench/alerts/run.sh [RUNS] [SEED]   (env: MVN_FLAGS, default -o)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-bench/results/alerts}
mkdir -p "$OUT"
mvn -q -B ${MVN_FLAGS:--o} test-compile -pl core
mvn -q -B ${MVN_FLAGS:--o} dependency:build-classpath -pl core -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$OUT/classpath.txt"
CP="core/target/classes:core/target/test-classes:$(cat "$OUT/classpath.txt")"
java -cp "$CP" dev.feedbackloop.alerts.bench.AlertSimulation --runs "${1:-5000}" --seed "${2:-42}" | tee "$OUT/calibration.md"
