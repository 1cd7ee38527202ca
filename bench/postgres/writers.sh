#!/usr/bin/env bash
# Writers side by side on one PostgreSQL: two builds of cli/target/feedback.jar, alternated round by round
# (on a shared machine only ratios measured in the same minutes mean anything).
#
#   bench/postgres/writers.sh OLD.jar NEW.jar [ROUNDS] [WRK_SECONDS]    # default 3 rounds, 10 s
#
# Per round and build, against one database (10,000 generated entries first):
#   1. one vs two instances: two `feedback serve` processes on the database; wrk with 64 connections
#      against the first, then 32 against each at once (the sum is what two instances serve);
#   2. captures during an import: wrk against one instance while `import --shared` loads COUNT more
#      entries (default 100,000) in one transaction; the captures' latency (p99, max) and rate, and the
#      import's time.
# Needs python3, psql (Debian postgresql-client) and wrk (installed when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ $# -ge 2 ]] || { sed -n '2,13p' "$0" >&2; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2")
ROUNDS="${3:-3}" SECS="${4:-10}" COUNT="${COUNT:-100000}"
# shellcheck source=lib.sh
. "$ROOT/bench/postgres/lib.sh"
need wrk wrk
[ -n "$GEN" ] || { echo "gen_feedback.py not found; set GEN_FEEDBACK" >&2; exit 1; }
python3 "$GEN" --count 10000 --days 60 --seed 7 --out "$WORK/base.jsonl" --quiet
python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$WORK/import.jsonl" --quiet

start_postgres bench
URL="${BASE}bench"
java -jar "$OLD" init --db "$URL" >/dev/null
java -jar "$OLD" import "$WORK/base.jsonl" --db "$URL" >/dev/null
KEY=$(java -jar "$OLD" keys create --db "$URL" --name "bench-$$" --scope admin 2>/dev/null)
capture_script "$KEY" "$WORK/capture.lua"

rps() { grep -oP 'Requests/sec:\s+\K[\d.]+' "$1"; }
pct() { grep -oP "^\s+$2%\s+\K\S+" "$1"; }
maxlat() { grep -oP '^\s+Latency\s+\S+\s+\S+\s+\K\S+' "$1"; }
failed() { grep -oP '^non-2xx or errors: \K\d+' "$1"; }
serve() {  # serve JAR PORT: a serve process, ready
  java -jar "$1" serve --db "$URL" --port "$2" --rate-limit 10000000 2>/dev/null &
  PIDS+=($!)
  until curl -sf "http://127.0.0.1:$2/ready" >/dev/null; do sleep 0.1; done
}
stop_serving() { for p in "$@"; do kill "$p"; wait "$p" 2>/dev/null || true; done; }
capture() {  # capture PORT CONNECTIONS SECONDS OUT
  wrk -t1 -c"$2" -d"$3s" --timeout 30s --latency -s "$WORK/capture.lua" "http://127.0.0.1:$1/api/v1/feedback" >"$4"
}

for r in $(seq "$ROUNDS"); do
  for v in old new; do
    jar=$OLD; [ $v = new ] && jar=$NEW
    serve "$jar" 18281; a=${PIDS[-1]}
    serve "$jar" 18282; b=${PIDS[-1]}
    capture 18281 32 5 /dev/null & w=$!; capture 18282 32 5 /dev/null; wait $w   # warm-up
    capture 18281 64 "$SECS" "$WORK/one.txt"
    capture 18281 32 "$SECS" "$WORK/a.txt" & w=$!; capture 18282 32 "$SECS" "$WORK/b.txt"; wait $w
    stop_serving "$b"
    # captures while an import runs: wrk for the import's whole length
    before=$("${PSQL[@]}" -d bench -Atc 'SELECT coalesce(max(id), 0) FROM feedback')
    capture 18281 32 $((SECS * 4)) "$WORK/during.txt" & w=$!
    sleep 2
    t0=$(date +%s%N)
    java -jar "$jar" import "$WORK/import.jsonl" --shared --db "$URL" >/dev/null 2>&1 || echo "import failed"
    t1=$(date +%s%N)
    wait $w
    stop_serving "$a"
    # the next round imports the same file again: its rows go, the captures stay (a like-for-like load)
    "${PSQL[@]}" -d bench -qc "DELETE FROM feedback WHERE id > $before AND prompt <> 'Explain how neural networks learn'"
    "${PSQL[@]}" -d bench -qc "VACUUM feedback"
    python3 - "$r" "$v" "$(rps "$WORK/one.txt")" "$(rps "$WORK/a.txt")" "$(rps "$WORK/b.txt")" \
      "$(rps "$WORK/during.txt")" "$(pct "$WORK/during.txt" 99)" "$(maxlat "$WORK/during.txt")" "$(secs "$t0" "$t1")" \
      "$(cat "$WORK"/one.txt "$WORK"/a.txt "$WORK"/b.txt | grep -oP '^non-2xx or errors: \K\d+' | awk '{s += $1} END {print s + 0}')" "$(failed "$WORK/during.txt")" <<'PY'
import sys
r, v, one, a, b, during, p99, mx, imp, failed, failed_during = sys.argv[1:]
one, a, b = float(one), float(a), float(b)
print("round %s %s: one instance %.0f/s; two %.0f + %.0f = %.0f/s (%.2fx one), %s failed; during import --shared"
      " (%s s): %.0f captures/s, p99 %s, max %s, %s failed"
      % (r, v, one, a, b, a + b, (a + b) / one, failed, imp, float(during), p99, mx, failed_during))
PY
  done
done
echo "stored: $("${PSQL[@]}" -d bench -Atc 'SELECT count(*), count(DISTINCT feedback_id) FROM feedback')"
