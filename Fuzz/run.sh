#!/usr/bin/env bash
# Fuzzes the parser, checker, compiler, VM and builtins with libFuzzer for SECONDS seconds
# (default 60). The corpus starts from every golden script, example (with its first data
# records as samples) and standard library module; crashes, sanitizer reports and timeouts
# are written to Fuzz/artifacts/ and make the script fail.
#   Fuzz/run.sh 120            fuzz for two minutes
#   Fuzz/run.sh 0 FILE...      replay inputs (for example a crash) once each
set -euo pipefail
# Swift keeps global caches alive at exit; those are not leaks worth reporting.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true

swift build -c release --product RubricFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -n 3
fuzzer="$(swift build -c release --show-bin-path)/RubricFuzz"

if [ "$seconds" = 0 ]; then
    exec "$fuzzer" -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 "$@"
fi

mkdir -p .work/seeds .work/corpus artifacts
rm -f .work/seeds/*
for file in ../Tests/Scripts/*/*.rubric ../Stdlib/*.rubric; do
    cp "$file" ".work/seeds/$(echo "$file" | tr '/.' '__')"
done
for file in ../Examples/*.rubric; do
    name="$(basename "$file" .rubric)"
    seed=".work/seeds/example_$name.rubric"
    cp "$file" "$seed"
    if [ -f "../Examples/data/$name.jsonl" ]; then
        head -n 3 "../Examples/data/$name.jsonl" | sed 's/^/# sample: /' >> "$seed"
    fi
done
"$fuzzer" -rubric_dict=.work/rubric.dict

# Half the machine, at least one job; -fork keeps going after a finding so one bug does not
# hide the next, and the exit status still reports it.
jobs=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
"$fuzzer" .work/corpus .work/seeds -dict=.work/rubric.dict -max_total_time="$seconds" \
    -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 -max_len=65536 -fork="$jobs" -ignore_crashes=1 \
    -artifact_prefix=artifacts/ -print_final_stats=1 2>&1 | grep -vE '^ *(NEW_FUNC|INFO: -fork|INFO: Running|#[0-9]+: .*job: [0-9]*[1-9] )' | tail -n 40
found=$(find artifacts -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
if [ "$found" -gt 0 ]; then
    echo "fuzzing found $found problem(s) in Fuzz/artifacts/; replay one with: Fuzz/run.sh 0 Fuzz/artifacts/FILE" >&2
    exit 1
fi
echo "fuzzing found nothing in $seconds s"
