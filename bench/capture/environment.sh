#!/usr/bin/env bash
# Prints what a benchmark of ./feedback runs on, so that its figure can be reproduced: the JDK the
# launcher picks (FEEDBACK_JDK and FEEDBACK_NO_CACHE apply), whether the JVM really used the start-up
# cache for the kind of command measured (read from the JVM's own cds/aot log of one run, so a cache
# that is rejected shows as not used, with the JVM's reason), file systems, CPUs and load.
#
#   bench/capture/environment.sh FOLDER short|bulk     # FOLDER: where the benchmark's databases live
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
folder=$1
kind=$2
probe=$(mktemp -d); trap 'rm -rf "$probe"' EXIT

# one run of the measured kind: a capture, or a (bulk) generate of one entry
run() {
  if [[ $kind == bulk ]]; then
    (cd "$probe" && "$root/feedback" generate --count 1 --output "$probe/one.jsonl" >/dev/null)
  else
    "$root/feedback" --capture --db "$probe/env.db" --prompt "Which JDK?" --output "This one." --rating 5 >/dev/null
  fi
}

FEEDBACK_JAVA_OPTS="-XshowSettings:properties -version" "$root/feedback" --version >"$probe/props" 2>&1 || true
prop() { sed -n "s/^ *$1 = //p" "$probe/props" | head -n 1; }
home=$(prop java.home)
version=$(prop java.runtime.version)
major=$(prop java.specification.version)

if [[ ${FEEDBACK_NO_CACHE:-0} == 1 ]]; then
  cache="off (FEEDBACK_NO_CACHE=1)"
else
  tag=cds; [[ ${major:-0} -ge 25 ]] && tag=aot
  run >/dev/null 2>&1 || true   # trains the cache of this kind if it is missing
  FEEDBACK_JAVA_OPTS="-Xlog:$tag=info:stderr" run 2>"$probe/log" || true
  used=$(grep -E "Opened (AOT cache|archive) .*/\.feedback/cache/" "$probe/log" | sed 's/.*Opened [A-Za-z ]* //; s/\.$//' | head -n 1)
  if [[ -n $used ]] && ! grep -qE "\[(error|warning)\]\[($tag)" "$probe/log"; then
    cache="used: $used"
  else
    cache="NOT used ($(grep -E "\[(error|warning)\]" "$probe/log" | head -n 2 | tr '\n' ' '))"
  fi
fi

fs() { df -PT "$1" | awk 'NR == 2 {print $2 " on " $1 " (" $7 ")"}'; }
echo "JDK: ${home:-?} (${version:-?}); start-up cache for $kind commands: $cache"
echo "file systems: databases $(fs "$folder"); jar and caches $(fs "$root")"
echo "machine: $(nproc) CPUs, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
