#!/usr/bin/env bash
# End-to-end throughput and heap of the production jar on the embedded default (H2 + Lucene):
# starts it with -Xmx3g on an empty data folder (the demo corpus loads first), waits until the demo
# is scored and indexed, records the heap after the models have loaded, then imports N generated
# posts and measures the time until every one is analysed (language, sentiment, sentences, names,
# labour labels), stored and indexed. The peak heap comes from the GC log (heap in use before each
# collection).
# Usage: docs/benchmarks/end-to-end.sh [count] [jar]   (count 100000 by default; XMX=3g; ARGS= extra
# application arguments, e.g. ARGS=--reelpulse.analyze.sentences=corenlp for the slow configuration)
# Build the jar first: ./mvnw -Pproduction package -DskipTests
set -euo pipefail
COUNT="${1:-100000}"
JAR="${2:-target/reelpulse-0.1.0-SNAPSHOT.jar}"
XMX="${XMX:-3g}"
PORT="${PORT:-18081}"
DIR="$(mktemp -d)"
AUTH="analyst:reelpulse-demo"
now() { date +%s.%N; }
status() { curl -sf -u "$AUTH" "localhost:$PORT/api/status" || echo '{}'; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', ''))"; }
heap() { jcmd "$PID" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}'; }

./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.reelpulse.analyze.GeneratedPosts \
    -Dexec.args="$COUNT $DIR/generated.ndjson"

java -Xmx"$XMX" -Xlog:gc:file="$DIR/gc.log" -jar "$JAR" --reelpulse.data-dir="$DIR" --server.port="$PORT" \
    ${ARGS:-} >>"$DIR/log" 2>&1 &
PID=$!
until curl -sf "localhost:$PORT/actuator/health" | grep -q UP; do sleep 0.5; done
until [ "$(status | field posts)" != "" ] && [ "$(status | field posts)" -ge 500 ]; do sleep 0.5; done
DEMO=$(status | field posts)
until [ "$(status | field analysed)" -ge "$DEMO" ] && [ "$(status | field indexUpToDate)" = "True" ]; do sleep 1; done
jcmd "$PID" GC.run >/dev/null; sleep 1
AFTER_LOAD=$(heap)

T0=$(now)
split -l 20000 "$DIR/generated.ndjson" "$DIR/part-"
for f in "$DIR"/part-*; do
    curl -sf -u "$AUTH" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" \
        "localhost:$PORT/api/import" >/dev/null
done
IMPORTED=$(echo "$(now) - $T0" | bc)
TOTAL=$((DEMO + COUNT))
until [ "$(status | field analysed)" -ge "$TOTAL" ] && [ "$(status | field indexUpToDate)" = "True" ]; do sleep 2; done
DONE=$(echo "$(now) - $T0" | bc)
PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$DIR/gc.log" | cut -dM -f1 | sort -n | tail -1)
RSS=$(ps -o rss= -p "$PID")
kill "$PID"; wait "$PID" || true

printf 'heap -Xmx%s; %s demo posts, then %s generated posts; arguments: %s\n' "$XMX" "$DEMO" "$COUNT" "${ARGS:-none}"
printf 'heap in use after the models loaded (after a full GC): %s\n' "$AFTER_LOAD"
printf 'import of %s posts: %.1fs; all analysed, labelled and indexed after %.1fs = %.1f posts/s end to end\n' \
    "$COUNT" "$IMPORTED" "$DONE" "$(echo "$COUNT / $DONE" | bc -l)"
printf 'peak heap in use (before a collection, GC log): %s MiB; RSS at the end %s MiB\n' "$PEAK" "$((RSS / 1024))"
rm -rf "$DIR"
