# Shared by the server benchmarks: wrk (installed from Debian when missing), a scratch folder removed
# on exit; create_key DB sets KEY to a new admin key; start_server DB PORT starts `feedback serve` in the
# background (SERVER) and waits until /ready answers; ensure_big_db DB generates 1M entries over 60 days
# into DB when it does not exist; write_wrk_scripts writes $WORK/capture.lua (captures with KEY) and
# $WORK/read.lua (GETs with KEY, printing p50/p95/p99). Needs ROOT.
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
# shellcheck source=../wrk-capture.sh
. "$ROOT/bench/wrk-capture.sh"
WORK="$(mktemp -d)"
SERVER=""
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

create_key() {
  KEY=$("$ROOT/feedback" keys create --db "$1" --name "bench-$$" --scope admin 2>/dev/null)
}

start_server() {
  local db=$1 port=$2
  "$ROOT/feedback" serve --db "$db" --port "$port" --rate-limit 10000000 2>"$WORK/access.log" &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do sleep 0.02; done
}

ensure_big_db() {
  if [ ! -f "$1" ]; then
    echo "== generating 1,000,000 entries over 60 days into $1"
    "$ROOT/feedback" generate --count 1000000 --days 60 --db "$1" >/dev/null
  fi
}

write_wrk_scripts() {
capture_script "$KEY" "$WORK/capture.lua"
cat >"$WORK/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $KEY"
done = function(summary, latency, requests)
  io.write(string.format("reads: %d, non-2xx or errors: %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
}
