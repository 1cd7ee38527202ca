# Shared by run.sh and report.sh: the data, the database and a description of the machine.
# Expects ROOT (the checkout); sets DIR (where data and databases are kept: BENCH_DIR, default
# /tmp/feedback-bench-analysis), GEN, COUNT, DATA and DB.
DIR="${BENCH_DIR:-/tmp/feedback-bench-analysis}"
GEN="${GEN:-$ROOT/../shared/bench/gen_feedback.py}"
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_feedback.py
COUNT="${COUNT:-1000000}"
mkdir -p "$DIR"
DATA="$DIR/d${COUNT}.jsonl"
DB="$DIR/d${COUNT}.db"

# prepare_db CMD...: generates $DATA (60 days, seed 42, window ending now) and imports it with the
# product's import (CMD is the command line, e.g. ./feedback), each only when missing.
prepare_db() {
  if [ ! -f "$DATA" ]; then
    echo "generating $COUNT entries into $DATA"
    python3 "$GEN" --count "$COUNT" --days 60 --seed 42 --out "$DATA"
  fi
  if [ ! -f "$DB" ]; then
    echo "loading $DATA into $DB"
    local start; start=$(date +%s)
    "$@" import "$DATA" --db "$DB"
    echo "loaded in $(( $(date +%s) - start )) s"
  fi
}

# describe_machine: what the figures were measured on.
describe_machine() {
  echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "database: $DB ($(du -h "$DB" | cut -f1), file system $(stat -f -c %T "$DB"), time zone $(date +%Z))"
}

# describe_java LAUNCHER_ROOT: the JDK FEEDBACK_JDK forces on the launcher and whether the launcher's
# start-up cache for analyses exists (it trains one per jar and JDK on first use).
describe_java() {
  local cache
  cache=$(ls "$1"/.feedback/cache/*-analysis.* "$1"/.feedback/cache/*-analysis-cp.* 2>/dev/null | tr '\n' ' ' || true)
  echo "  $1: $("$FEEDBACK_JDK/bin/java" -version 2>&1 | sed -n 2p), start-up caches: ${cache:-none}"
}
