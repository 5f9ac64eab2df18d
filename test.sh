#!/usr/bin/env bash
# Runs every test of the project: the Swift test suite (unit tests, golden scripts, examples,
# differential tests against the Python peers), then the test suites that drive built
# artefacts from outside: the C interface and Python package, and the HTTP server; last,
# the fuzzer over the whole pipeline.
set -euo pipefail
cd "$(dirname "$0")"
swift test
Bindings/python/run_tests.sh
Tests/Server/run_tests.sh
# The fuzz target, for a bounded time: anything it finds fails the run.
Fuzz/run.sh 90
