#!/usr/bin/env bash
# Reads while captures stream in, on a large database, with wrk (installed from Debian when missing).
#   bench/server/reads.sh [SECONDS] [DB]   (default 30 s per phase; DB default: a fresh one of 1M entries
#                                           over 60 days, made with `feedback generate`, about a minute)
# Per phase, two wrk at once: 16 connections capturing, and 4 connections reading one route.
# Prints the reads' p95 and the captures/s beside them. Figures go to bench/server/README.md by hand.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-30}"
PORT="${PORT:-18182}"
. "$ROOT/bench/server/lib.sh"
DB="${2:-$WORK/big.db}"
ensure_big_db "$DB"
create_key "$DB"
start_server "$DB" "$PORT"

write_wrk_scripts

for route in "/api/v1/stats" "/api/v1/analysis?days=30"; do
  # the first request of a route computes its answer and waits for it (see the route's OpenAPI description)
  start=$(date +%s%N)
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT$route"
  echo "== first GET $route (computed while nothing else runs): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  echo "== GET $route, 4 connections, while 16 connections capture, ${SECS} s"
  wrk -t1 -c16 -d"${SECS}s" -s "$WORK/capture.lua" "http://127.0.0.1:$PORT/api/v1/feedback" >"$WORK/captures.txt" &
  CAPTURES=$!
  wrk -t1 -c4 -d"${SECS}s" -s "$WORK/read.lua" "http://127.0.0.1:$PORT$route" | tail -n 1
  wait "$CAPTURES"
  echo "captures meanwhile: $(awk '/Requests\/sec/{print $2}' "$WORK/captures.txt")/s"
  echo "last answer: $(curl -s -D - -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT$route" \
    | tr -d '\r' | grep -Ei '^(age|feedback-computed-at):' | tr '\n' ' ')"
done
