#!/usr/bin/env bash
# The dashboard's overview on a large database while captures stream in (wrk), and the overview page's
# first meaningful paint in Chromium (chromedriver's WebDriver API, Performance API marks).
#   bench/dashboard/run.sh [SECONDS] [DB]   (default 30 s per route; DB default: a fresh one of 1M entries
#                                            over 60 days, made with `feedback generate`)
# Per route, two wrk at once: 16 connections capturing, 4 connections reading the overview. Then 5 cold
# page loads of /?period=30d, each in a fresh tab after sign-in: the time from navigation start to the
# page's 'overview-shown' mark (numbers and charts in place) and to the first contentful paint.
# Needs wrk (installed from Debian when missing), chromium and chromium-driver (./test installs them).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-30}"
PORT="${PORT:-18183}"
. "$ROOT/bench/server/lib.sh"
DB="${2:-$WORK/big.db}"
ensure_big_db "$DB"
create_key "$DB"
start_server "$DB" "$PORT"

write_wrk_scripts

for route in "/api/v1/overview?period=30d" "/api/v1/overview?period=90d&bucket=week" \
             "/api/v1/overview?period=30d&framework=chain-of-thought"; do
  start=$(date +%s%N)
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT$route"
  echo "== first GET $route (computed while nothing else runs): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  echo "== GET $route, 4 connections, while 16 connections capture, ${SECS} s"
  wrk -t1 -c16 -d"${SECS}s" -s "$WORK/capture.lua" "http://127.0.0.1:$PORT/api/v1/feedback" >"$WORK/captures.txt" &
  CAPTURES=$!
  wrk -t1 -c4 -d"${SECS}s" -s "$WORK/read.lua" "http://127.0.0.1:$PORT$route" | tail -n 1
  wait "$CAPTURES"
  echo "captures meanwhile: $(awk '/Requests\/sec/{print $2}' "$WORK/captures.txt")/s"
done

echo "== first meaningful paint of /?period=30d (5 loads)"
python3 "$ROOT/bench/dashboard/paint.py" "http://127.0.0.1:$PORT" "$KEY" 5
