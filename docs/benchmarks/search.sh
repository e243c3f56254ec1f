#!/usr/bin/env bash
# Search speed at scale: generates a realistic analysed corpus of N posts (Zipfian words and authors,
# the demo's topic words, en/es/fr/de, a burst after the Lionsgate–Runway announcement), indexes it
# through PostIndex as the application does, then times each kind of dashboard and analyst query
# (at least 200 distinct queries each, after a warm-up pass) through ReelPulse and through the same
# work written in plain Lucene on the same index reader, and prints p50/p95/p99 of both and their
# ratio. See src/test/java/org/reelpulse/search/SearchBenchmark.java.
# Usage: docs/benchmarks/search.sh [posts] [queries per kind] [index dir] [reuse]
#   posts 1000000 by default; 200 queries per kind; the index goes to /tmp/reelpulse-search-bench-<posts>
#   (outside the repository; about 0.5 KiB per post); "reuse" searches an index of the same size left
#   by an earlier run instead of building it again. XMX=2g by default (the heap; the index itself is
#   memory-mapped and lives in the page cache); JAVA_OPTS= more JVM options (e.g. -Dbench.kinds=<regex>
#   to run only the kinds whose name matches, none for indexing only).
set -euo pipefail
cd "$(dirname "$0")/../.."
POSTS="${1:-1000000}"
QUERIES="${2:-200}"
DIR="${3:-/tmp/reelpulse-search-bench-$POSTS}"
REUSE="${4:-}"
XMX="${XMX:-2g}"

. docs/benchmarks/test-classpath.sh
java -Xms"$XMX" -Xmx"$XMX" ${JAVA_OPTS:-} \
    org.reelpulse.search.SearchBenchmark "$POSTS" "$QUERIES" "$DIR" $REUSE
