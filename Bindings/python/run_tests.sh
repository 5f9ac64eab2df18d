#!/usr/bin/env bash
# Builds the release shared library, compiles and runs the C interface test, and runs the
# Python package's tests (TRL, verl, OpenRLHF adapters and Ray) with pytest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift build -c release --product rubric_c
export RUBRIC_LIBRARY="$root/.build/release/librubric_c.so"
[ -f "$RUBRIC_LIBRARY" ] || RUBRIC_LIBRARY="$root/.build/release/librubric_c.dylib"
# The package runs from its source folder, so nothing needs installing.
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
cd "$here"
python3 -m pytest -q "$@"
