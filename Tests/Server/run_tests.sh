#!/usr/bin/env bash
# Builds `rubric` and runs the HTTP server's tests against the real binary.
#   Tests/Server/run_tests.sh            # debug build
#   RUBRIC_BIN=.build/release/rubric Tests/Server/run_tests.sh -k openrlhf
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${RUBRIC_BIN:-}" ]; then
    swift build --product rubric
    export RUBRIC_BIN="$PWD/.build/debug/rubric"
fi
exec python3 -m pytest -q Tests/Server "$@"
