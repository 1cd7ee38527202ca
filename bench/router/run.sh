#!/usr/bin/env bash
# Router benchmarks (see docs/router.md):
#   1. simulation: 5,000 rounds x 10 runs of route -> outcome -> capture into real SQLite stores;
#      oracle, static rules, the specification's confidence nudge and the learning router compared;
#      writes simulation.json, simulation.md, regret.png, success.png
#   2. latency: decision time with 1,000,000 stored entries (first call, no new feedback, right
#      after each new capture); writes latency.json. The 1M database is kept and reused.
# Usage: bench/router/run.sh [simulation|latency|all]   (env: OUT, ROUNDS, REPEATS, ENTRIES, MVN_FLAGS)
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
OUT=${OUT:-bench/results/router}
mkdir -p "$OUT"
mvn -q -B ${MVN_FLAGS:--o} test-compile -pl core
mvn -q -B ${MVN_FLAGS:--o} dependency:build-classpath -pl core -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$OUT/classpath.txt"
CP="core/target/classes:core/target/test-classes:$(cat "$OUT/classpath.txt")"
run() { java -Xmx2g -cp "$CP" "$@" 2> >(grep -v '^SLF4J' >&2); }

if [[ $what == simulation || $what == all ]]; then
    run dev.feedbackloop.routing.bench.RouterSimulation --rounds "${ROUNDS:-5000}" --repeats "${REPEATS:-10}" \
        --seed 42 --out "$OUT"
    echo "charts: $OUT/regret.png $OUT/success.png"
fi
if [[ $what == latency || $what == all ]]; then
    run dev.feedbackloop.routing.bench.RouterLatency --entries "${ENTRIES:-1000000}" --decisions 2000 --out "$OUT"
fi
