#!/usr/bin/env bash
# Import benchmark: one whole `java -jar cli/target/feedback.jar import FILE` process per size,
# into a fresh database, under /usr/bin/time -v. Prints entries/s end to end and peak RSS.
#
#   bench/import/run.sh                 # 10k, 100k and 1M entries
#   bench/import/run.sh 1000000         # one size
#
# Data: gen_feedback.py from the shared bench folder (GEN_FEEDBACK=path to override), written to
# /tmp/d10k.jsonl, /tmp/d100k.jsonl, /tmp/d1m.jsonl (BENCH_DATA=folder to override) when missing.
# The 1M file is 1.6 GB and takes about a minute to generate. JAVA=path/to/java picks the JDK.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/cli/target/feedback.jar
data=${BENCH_DATA:-/tmp}
gen=${GEN_FEEDBACK:-}
for candidate in "$root/../shared/bench/gen_feedback.py" /work/shared/bench/gen_feedback.py; do
  if [[ -z $gen && -f $candidate ]]; then gen=$candidate; fi
done

# always: Maven rebuilds what changed, so a stale jar is never measured
(cd "$root" && mvn -q -B package -DskipTests)
java=${JAVA:-java}

label() {
  case $1 in
    10000) echo 10k ;; 100000) echo 100k ;; 1000000) echo 1m ;; *) echo "$1" ;;
  esac
}

sizes=("$@")
if [[ ${#sizes[@]} -eq 0 ]]; then sizes=(10000 100000 1000000); fi

printf '%-9s %9s %12s %12s %10s\n' entries wall_s entries/s importer/s peak_MiB
for n in "${sizes[@]}"; do
  file=$data/d$(label "$n").jsonl
  if [[ ! -f $file ]]; then
    [[ -n $gen ]] || { echo "gen_feedback.py not found; set GEN_FEEDBACK" >&2; exit 1; }
    python3 "$gen" --count "$n" --days 60 --seed 42 --out "$file" --quiet
  fi
  work=$(mktemp -d)
  /usr/bin/time -v "$java" -jar "$jar" import "$file" --db "$work/bench.db" --json >"$work/out.json" 2>"$work/time.txt" || {
    cat "$work/time.txt" >&2; rm -rf "$work"; exit 1; }
  python3 - "$n" "$work/out.json" "$work/time.txt" <<'PY'
import json, re, sys
n = int(sys.argv[1])
out = json.load(open(sys.argv[2]))
time = open(sys.argv[3]).read()
clock = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", time).group(1)
seconds = 0.0
for part in clock.split(":"):
    seconds = seconds * 60 + float(part)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1))
assert out["read"] == n and out["inserted"] == n, out
print("%-9d %9.2f %12.0f %12d %10.0f" % (n, seconds, n / seconds, out["records_per_second"], rss / 1024))
PY
  rm -rf "$work"
done
