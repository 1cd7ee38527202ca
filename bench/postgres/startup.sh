#!/usr/bin/env bash
# Where a fresh JVM spends an unchanged analysis on PostgreSQL, phase by phase (Startup.java), alternating the
# command line's way (no pool) with HikariCP's, and the bare driver's first connection with the pool's:
#
#   bench/postgres/startup.sh URL [ROUNDS]     # URL: postgresql://user:password@host:port/db holding data
#
# Runs the jar the launcher built (./feedback, once, first) with the launcher's JVM options for analyses and,
# on JDK 25+, its start-up cache for `analyze` on PostgreSQL (trained by the launcher's first such command:
# run `./feedback analyze --days 30 --db URL` once before). JDK: $JDK, else `java` on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
[[ $# -ge 1 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
URL=$1 ROUNDS=${2:-5}
JAVA="${JDK:+$JDK/bin/}java"
"$ROOT/feedback" analyze --days 30 --db "$URL" --json >/dev/null   # builds, trains, caches the answer
JAR="$ROOT/.feedback/feedback.jar"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
javac -cp "$JAR" -d "$WORK" "$ROOT/bench/postgres/Startup.java"
OPTS=(-Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djdk.reflect.useNativeAccessorOnly=true)
MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "$MAJOR" -ge 25 ]; then
  CACHE=$(ls "$ROOT"/.feedback/cache/feedback-"$(cat "$ROOT/.feedback/jar.sha1")"-jdk"$MAJOR"-analysis-analyze-pg-*.aot 2>/dev/null | head -1 || true)
  [ -n "$CACHE" ] && OPTS+=("-XX:AOTCache=$CACHE")
fi
[ "$MAJOR" -ge 22 ] && OPTS+=(--enable-native-access=ALL-UNNAMED)
# the driver's URL, user and password from the location (postgresql://user:password@host:port/db)
read -r JDBC USER PASS < <(python3 -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print("jdbc:postgresql://%s:%s%s" % (p.hostname, p.port or 5432, p.path), u.unquote(p.username or ""), u.unquote(p.password or ""))' "$URL")
echo "java $MAJOR, start-up cache: ${CACHE:-none}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$ROUNDS"); do
  for mode in analysis-one-shot analysis-pool; do
    "$JAVA" "${OPTS[@]}" -cp "$JAR:$WORK" Startup "$mode" "$URL" 2>&1 >/dev/null | grep -v '^\[' || true
  done
  for mode in connect-plain connect-pool; do
    "$JAVA" "${OPTS[@]}" -cp "$JAR:$WORK" Startup "$mode" "$JDBC" "$USER" "$PASS" 2>&1 >/dev/null | grep -v '^\[' || true
  done
done
