#!/usr/bin/env bash
# Load test of `feedback serve` on loopback with wrk (installed from Debian when missing).
#   bench/server/run.sh [SECONDS]   (default 30; server and wrk share the machine's cores)
# Prints: acknowledged captures/s and p99 (64 connections), the same stack's hello-world route (/health),
# batch entries/s, and start-to-ready time. Figures go to bench/server/README.md by hand.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-30}"
PORT="${PORT:-18181}"
. "$ROOT/bench/server/lib.sh"
"$ROOT/feedback" init --db "$WORK/f.db" >/dev/null
create_key "$WORK/f.db"

# the first bulk-kind command after a build trains the launcher's start-up cache (serve uses it): not timed
"$ROOT/feedback" export "$WORK/warm.jsonl" --db "$WORK/f.db" >/dev/null 2>&1
START=$(date +%s%N)
start_server "$WORK/f.db" "$PORT"
echo "start to ready: $(( ($(date +%s%N) - START) / 1000000 )) ms (launcher and JVM included)"

capture_script "$KEY" "$WORK/capture.lua"
python3 - "$WORK/batch.json" <<'PY'
import json, sys
entries = [{"prompt": "Explain topic %d" % i, "output": "An answer", "rating": 1 + i % 5} for i in range(1000)]
open(sys.argv[1], "w").write(json.dumps({"entries": entries}))
PY
cat >"$WORK/batch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
local f = io.open("$WORK/batch.json"); wrk.body = f:read("*a"); f:close()
LUA

echo "== warm-up (10 s, not counted)"
wrk -t2 -c64 -d10s -s "$WORK/capture.lua" "http://127.0.0.1:$PORT/api/v1/feedback" >/dev/null
echo "== POST /api/v1/feedback, 64 connections, ${SECS} s"
wrk -t2 -c64 -d"${SECS}s" --latency -s "$WORK/capture.lua" "http://127.0.0.1:$PORT/api/v1/feedback"
echo "== GET /health (hello-world on the same stack), 64 connections, ${SECS} s"
wrk -t2 -c64 -d"${SECS}s" --latency "http://127.0.0.1:$PORT/health"
echo "== POST /api/v1/feedback/batch (1,000 entries each), 8 connections, ${SECS} s; entries/s = requests/s x 1000"
wrk -t2 -c8 -d"${SECS}s" --latency -s "$WORK/batch.lua" "http://127.0.0.1:$PORT/api/v1/feedback/batch"
echo "stored: $(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/v1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_feedback"])')"
