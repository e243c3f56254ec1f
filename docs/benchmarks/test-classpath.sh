#!/usr/bin/env bash
# Sourced by the benchmark scripts: compiles the main and test classes and sets CLASSPATH to them and
# every test-scope dependency, so a benchmark's main class runs with plain java.
CP_FILE="target/benchmark.classpath"
./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test \
    || ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CLASSPATH="target/test-classes:target/classes:$(cat "$CP_FILE")"
export CLASSPATH
