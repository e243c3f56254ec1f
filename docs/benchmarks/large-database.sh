#!/usr/bin/env bash
# Builds a data folder with a large analysed corpus for the benchmarks that need the whole application
# at scale (the dashboard page in a browser, the weekly report): the search benchmark's generated posts,
# stored with their scores and labels through ReelPulse's repositories, the demo's two tracked events, and
# the search index. See src/test/java/org/reelpulse/analyze/LargeDatabase.java.
# Usage: docs/benchmarks/large-database.sh [posts] [data folder]
#   posts 1000000 by default; the folder /tmp/reelpulse-large-<posts> by default (it must not hold a
#   database yet; about 2 KiB per post). XMX=3g by default.
# Then: java -jar target/reelpulse-0.1.0-SNAPSHOT.jar --reelpulse.data-dir=<folder> \
#         --reelpulse.demo.enabled=false --reelpulse.analyze.enabled=false --reelpulse.security.demo-accounts=true
set -euo pipefail
cd "$(dirname "$0")/../.."
POSTS="${1:-1000000}"
DIR="${2:-/tmp/reelpulse-large-$POSTS}"
XMX="${XMX:-3g}"
. docs/benchmarks/test-classpath.sh
java -Xmx"$XMX" \
    org.reelpulse.analyze.LargeDatabase "$POSTS" "$DIR"
