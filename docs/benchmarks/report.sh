#!/usr/bin/env bash
# The dashboard's server work and a weekly report, timed on a large data folder (build it first with
# docs/benchmarks/large-database.sh): DashboardService.overview for the Lionsgate–Runway event over its
# window and its announcement week, and ReportService.render for one subscription's 2024-W39 report
# (dashboard, charts, HTML, text, PDF), with p50/p95/max, the bytes allocated per run on every thread and
# the heap in use after. See src/test/java/org/reelpulse/report/ReportBenchmark.java.
# Usage: docs/benchmarks/report.sh [data folder] [rounds]   (defaults: /tmp/reelpulse-large-1000000, 30)
#   XMX=2g by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR="${1:-/tmp/reelpulse-large-1000000}"
ROUNDS="${2:-30}"
XMX="${XMX:-2g}"
. docs/benchmarks/test-classpath.sh
java -Xmx"$XMX" -Djava.awt.headless=true \
    org.reelpulse.report.ReportBenchmark "$DIR" "$ROUNDS" 2>&1 | grep -v " DEBUG \| INFO \| WARN "
