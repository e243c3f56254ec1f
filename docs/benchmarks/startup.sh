#!/usr/bin/env bash
# Start-to-ready of the production jar on the embedded default, measured from outside:
#   1. first start on an empty data folder: until /actuator/health is UP, until the demo corpus is
#      stored, and until every post is scored and indexed (CoreNLP throughput from the scoring phase);
#   2. a later start on the same folder: until health is UP and the index is up to date.
# Usage: docs/benchmarks/startup.sh [jar] ; XMX=2g by default. Build the jar with ./mvnw -Pproduction package.
set -euo pipefail
JAR="${1:-target/reelpulse-0.1.0-SNAPSHOT.jar}"
XMX="${XMX:-2g}"
PORT="${PORT:-18080}"
DIR="$(mktemp -d)"
AUTH="analyst:reelpulse-demo"
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
status() { curl -sf -u "$AUTH" "localhost:$PORT/api/status" || echo '{}'; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', ''))"; }

run() {
    java -Xmx"$XMX" -jar "$JAR" --reelpulse.data-dir="$DIR" --server.port="$PORT" >>"$DIR/log" 2>&1 &
    PID=$!
}
wait_health() {
    until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 0.2; done
}

T0=$(now); run
wait_health; HEALTH1=$(since "$T0")
until [ "$(status | field posts)" != "" ] && [ "$(status | field posts)" -ge 500 ]; do sleep 0.2; done
LOADED1=$(since "$T0")
until [ "$(status | field analysed)" != "" ] && [ "$(status | field analysed)" -gt 0 ]; do sleep 0.2; done
SCORING_START=$(now)
POSTS=$(status | field posts)
until [ "$(status | field analysed)" -ge "$POSTS" ] && [ "$(status | field indexUpToDate)" = "True" ]; do sleep 0.5; done
READY1=$(since "$T0"); SCORING=$(since "$SCORING_START")
RSS1=$(ps -o rss= -p "$PID")
kill "$PID"; wait "$PID" || true

T1=$(now); run
wait_health; HEALTH2=$(since "$T1")
until [ "$(status | field indexUpToDate)" = "True" ]; do sleep 0.2; done
READY2=$(since "$T1")
kill "$PID"; wait "$PID" || true

printf 'heap -Xmx%s, posts %s\n' "$XMX" "$POSTS"
printf 'first start: health UP %.1fs, demo stored %.1fs, all scored and indexed %.1fs (RSS %s MiB)\n' \
    "$HEALTH1" "$LOADED1" "$READY1" "$((RSS1 / 1024))"
printf 'scoring phase: %.1fs for %s posts = %.1f posts/s\n' "$SCORING" "$POSTS" "$(echo "$POSTS / $SCORING" | bc -l)"
printf 'later start: health UP %.1fs, index up to date %.1fs\n' "$HEALTH2" "$READY2"
rm -rf "$DIR"
