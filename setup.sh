#!/usr/bin/env bash
# Sets up a fresh Debian machine for Rubric: installs the system libraries and tools the
# build and tests need, builds the release binary, and runs it on a bundled example.
set -euo pipefail
cd "$(dirname "$0")"

packages=(libpcre2-dev libyaml-dev libedit-dev pkg-config lua5.4 python3-pip wrk)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

# Python packages: the grammar test (lark), the peers that differential tests compare
# against (sacrebleu, rouge-score with nltk's stemmer, math-verify, rapidfuzz, PyYAML, numpy),
# the Python package's tests (pytest, and Ray with ray.data for the cluster test) and the
# server's tests (requests and aiohttp, as OpenRLHF's clients use them).
python_packages=(lark sacrebleu rouge-score nltk math-verify rapidfuzz pyyaml numpy pytest "ray[data]" requests aiohttp)
python_modules=(lark sacrebleu rouge_score nltk math_verify rapidfuzz yaml numpy pytest ray.data requests aiohttp)
missing_python=()
for index in "${!python_modules[@]}"; do
    python3 -c "import ${python_modules[$index]}" 2>/dev/null || missing_python+=("${python_packages[$index]}")
done
if [ "${#missing_python[@]}" -gt 0 ]; then
    # A Debian system Python refuses user installs unless told (PEP 668).
    python3 -m pip install --quiet "${missing_python[@]}" \
        || python3 -m pip install --quiet --break-system-packages "${missing_python[@]}"
fi

swift build -c release --product rubric
./.build/release/rubric check Examples/r1_math.rubric
./.build/release/rubric test Examples/r1_math.rubric
./.build/release/rubric run Examples/r1_math.rubric --sample \
    '{"completion": "<think>\n2+2 is 4\n</think>\n<answer>\n\\boxed{4}\n</answer>", "answer": "4", "usage": {"completion_tokens": 12}}'
