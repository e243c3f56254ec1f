#!/usr/bin/env bash
# The dashboard in a real browser: time from asking for the page until its headline figures and every
# chart are drawn, in headless Chromium (Debian's chromium and chromium-driver), against a running
# ReelPulse. Start the production jar first (./mvnw -Pproduction package; java -jar target/*.jar) and
# wait until the demo is scored and indexed.
# Usage: docs/benchmarks/dashboard-page.sh [base URL] [runs] [event]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.reelpulse.ui.DashboardPageBenchmark "${1:-http://localhost:8080}" "${2:-20}" "${3:-lionsgate-runway}"
