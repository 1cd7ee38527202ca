# Shared by the server benchmarks: wrk (installed from Debian when missing), a scratch folder removed
# on exit; create_key DB sets KEY to a new admin key; start_server DB PORT starts `feedback serve` in the
# background (SERVER) and waits until /ready answers. Needs ROOT.
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
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
