#!/usr/bin/env bash
# The floor of the storing part of an import: SQLite's own C code (the sqlite3 shell) copying every
# feedback row of an imported database into an empty database of the same schema, in one
# transaction with the bulk import's settings. No file reading, no JSON, no Java, no JDBC: what is
# left is the engine's work for this schema (seven indexes) and the final sync.
#
#   bench/import/floor.sh                # imports /tmp/d1m.jsonl first (see run.sh) if needed
#   bench/import/floor.sh SOURCE.db      # any database written by this project
#
# Needs the sqlite3 shell (Debian: apt-get install sqlite3).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_WORK:-/tmp/feedback-bench-floor}
mkdir -p "$work"
src=${1:-$work/source.db}
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }

if [[ ! -f $src ]]; then
  data=${BENCH_DATA:-/tmp}/d1m.jsonl
  [[ -f $data ]] || { echo "no $data: run bench/import/run.sh 1000000 first" >&2; exit 1; }
  [[ -f $root/cli/target/feedback.jar ]] || (cd "$root" && mvn -q -B package -DskipTests)
  java -jar "$root/cli/target/feedback.jar" import "$data" --db "$src" --json >/dev/null
fi

dst=$work/floor.db
rm -f "$dst" "$dst-journal" "$dst-wal" "$dst-shm"
schema=$(sqlite3 "$src" "SELECT sql || ';' FROM sqlite_schema WHERE tbl_name = 'feedback' AND sql IS NOT NULL ORDER BY type DESC")
columns=$(sqlite3 "$src" "SELECT group_concat(name, ', ') FROM pragma_table_info('feedback') WHERE name <> 'id'")
rows=$(sqlite3 "$src" "SELECT count(*) FROM feedback")
cat /dev/null "$src" >/dev/null   # source in the page cache, as the import's input would be

start=$(date +%s.%N)
sqlite3 "$dst" <<SQL >/dev/null
PRAGMA page_size = 16384;
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -262144;
PRAGMA locking_mode = EXCLUSIVE;
$schema
ATTACH '$src' AS src;
BEGIN EXCLUSIVE;
INSERT INTO feedback ($columns) SELECT $columns FROM src.feedback ORDER BY id;
COMMIT;
SQL
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print('%d rows in %.2f s = %.0f rows/s (SQLite alone)' % (n, s, n/s))" "$rows" "$start" "$end"
rm -f "$dst"
