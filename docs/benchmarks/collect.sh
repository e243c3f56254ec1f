#!/usr/bin/env bash
# Collector throughput, requests per item and memory over a long run: the whole application on a fresh H2
# folder collects from a Mastodon instance simulated on loopback (three hashtag timelines in the real
# wire format). First one run of about 100,000 statuses, then many rounds in which new statuses arrive
# and are collected, with the heap in use after a full collection every few rounds.
# See src/test/java/org/reelpulse/collect/CollectBenchmark.java.
# Usage: docs/benchmarks/collect.sh [statuses] [rounds] [new per round and hashtag]   (100000 300 100)
#   XMX=512m by default, so growth would show.
set -euo pipefail
cd "$(dirname "$0")/../.."
XMX="${XMX:-512m}"
. docs/benchmarks/test-classpath.sh
java -Xmx"$XMX" org.reelpulse.collect.CollectBenchmark "$@" 2>&1 | grep -v " DEBUG \| INFO \| WARN "
