# Shared by the PostgreSQL benchmarks (sourced, with ROOT set to the project root): the tools they need, a
# work folder removed on exit with every process started here, and a PostgreSQL 18 started from the
# embedded binaries the tests use (zonky's, from Maven Central; as nobody through setpriv when run as
# root), listening on 127.0.0.1 with password authentication.
#
# Sets WORK, PIDS, GEN (gen_feedback.py, when found); start_postgres DB... sets BASE (postgresql://...:PORT/),
# PORT, PSQL (psql with its options) and PGPASSWORD, and creates the databases DB...

need() {  # need COMMAND PACKAGE: installs the Debian package when the command is missing
  command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
}
need psql postgresql-client
# shellcheck source=../wrk-capture.sh
. "$ROOT/bench/wrk-capture.sh"

GEN="${GEN_FEEDBACK:-}"
for c in "$ROOT/../shared/bench/gen_feedback.py" /work/shared/bench/gen_feedback.py; do
  if [ -z "$GEN" ] && [ -f "$c" ]; then GEN=$c; fi
done

WORK="$(mktemp -d)"
chmod 755 "$WORK"   # the server runs as nobody and reads the CSV of the \copy floor from here
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The columns an import writes: what the \copy floor copies.
FLOOR_COLS="feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes, framework, model, task_type, prompt_features, prompt_chars, output_id, rater_id, task_class"

secs() { python3 -c "import sys; print('%.2f' % ((int(sys.argv[2]) - int(sys.argv[1])) / 1e9))" "$1" "$2"; }

start_postgres() {
  # the server harness lives in store-postgres's test classes (the tests start it the same way)
  (cd "$ROOT" && mvn -q -B -o -pl core,store-postgres package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$WORK/pgcp.txt" -Dmdep.includeScope=test >/dev/null)
  local cp="$ROOT/store-postgres/target/test-classes:$ROOT/store-postgres/target/classes:$(cat "$WORK/pgcp.txt")"
  java -cp "$cp" dev.feedbackloop.storage.postgres.PostgresServer >"$WORK/pg.txt" 2>"$WORK/pg.err" &
  PIDS+=($!)
  until [ -s "$WORK/pg.txt" ]; do sleep 0.2; kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$WORK/pg.err"; exit 1; }; done
  BASE=$(cut -d' ' -f1 "$WORK/pg.txt")
  PORT=$(echo "$BASE" | sed -E 's#.*:([0-9]+)/$#\1#')
  export PGPASSWORD=feedback-test
  PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres)
  local db
  for db in "$@"; do "${PSQL[@]}" -d postgres -c "CREATE DATABASE $db"; done
  echo "PostgreSQL $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version'), cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
