#!/usr/bin/env python3
"""`rubric eval` against the same reward written in Python the way open-r1 writes it.

    python3 Benchmarks/eval_bench.py                     # 100,000 samples
    python3 Benchmarks/eval_bench.py --samples 20000 --skip-build

The samples are R1-style completions (about 2 KB each, groups of 8 per prompt, some badly
formatted, some wrong, answers in several notations), written once to Benchmarks/out/.
Three runners score them:

* Rubric: `rubric eval Examples/r1_math.rubric --data FILE` (release build, every core),
  reading JSONL and writing JSONL; wall-clock time and peak resident memory.
* Python + math-verify: open-r1's format, tag-count and accuracy rewards (math-verify's
  parse/verify, as open-r1's accuracy_reward does) plus DAPO's soft overlong penalty, on one
  core as TRL calls them. math-verify takes milliseconds per sample, so this runner scores
  the first --python-mv-samples samples and its rate is extrapolated.
* Python without math-verify: the same rewards with accuracy as a string comparison of the
  last \\boxed{} answer, on every sample.

It prints samples per second, the speed-ups and the peak memory of each runner.
"""

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
RUBRIC = os.path.join(ROOT, ".build", "release", "rubric")

FILLER = ("Let me think about this step by step. First, we need to compute the value carefully. "
          "Wait, let me check the arithmetic again. Therefore the intermediate result holds. ").split()


def answer_forms(rng):
    """A gold answer and how a completion might write it (right or wrong)."""
    a, b = rng.randint(1, 500), rng.randint(2, 9)
    kind = rng.randrange(4)
    if kind == 0:
        return str(a), rng.choice([str(a), str(a), f"{a}.0", str(a + 1)])
    if kind == 1:
        return f"\\frac{{{a}}}{{{b}}}", rng.choice([f"\\frac{{{a}}}{{{b}}}", f"{a}/{b}", f"\\dfrac{{{a}}}{{{b}}}", f"{a + 1}/{b}"])
    if kind == 2:
        return f"{a},{b}00", rng.choice([f"{a}{b}00", f"{a},{b}00", str(a)])
    return f"{a}\\sqrt{{{b}}}", rng.choice([f"{a}\\sqrt{{{b}}}", f"{a}\\sqrt{b}", f"\\sqrt{{{a * a * b}}}"])


def r1_completions(rng, count):
    """Yields (group, completion, gold answer) for `count` samples, groups of 8 per prompt: 80%
    well formed, 10% without tags, 10% with tags on one line; about 30% with a wrong answer."""
    for index in range(count):
        if index % 8 == 0:
            gold, _ = answer_forms(rng)
        _, written = answer_forms(rng) if rng.random() < 0.3 else (gold, gold)
        reasoning = " ".join(rng.choice(FILLER) for _ in range(rng.randint(250, 330)))
        shape = rng.random()
        if shape < 0.8:
            completion = f"<think>\n{reasoning}\n</think>\n<answer>\n\\boxed{{{written}}}\n</answer>"
        elif shape < 0.9:
            completion = f"{reasoning}\nThe answer is \\boxed{{{written}}}."
        else:
            completion = f"<think>{reasoning}</think><answer>{written}</answer>"
        yield index // 8, completion, gold


def generate(path, count, seed):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for group, completion, gold in r1_completions(rng, count):
            tokens = len(completion) // 4 + rng.choice([0, 0, 0, 13000])
            handle.write(json.dumps({"prompt_id": f"q{group}", "completion": completion, "answer": gold,
                                     "usage": {"completion_tokens": tokens}}) + "\n")


# ---- the Python rewards, as open-r1 writes them ----------------------------------------------

sys.path.insert(0, os.path.join(ROOT, "Tests", "Peers"))
from formulas import soft_overlong, tag_count_reward  # noqa: E402  (open-r1's and DAPO's formulas)

FORMAT = re.compile(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", re.DOTALL | re.MULTILINE)
BOXED = re.compile(r"\\boxed\{((?:[^{}]|\{[^{}]*\})*)\}")


def format_reward(text):
    return 1.0 if FORMAT.match(text) else 0.0


def accuracy_math_verify(text, gold):
    from math_verify import LatexExtractionConfig, parse, verify
    from latex2sympy2_extended import NormalizationConfig
    gold_parsed = parse(f"${gold}$", extraction_mode="first_match")
    if len(gold_parsed) == 0:
        return 0.0
    answer_parsed = parse(text, extraction_config=[LatexExtractionConfig(
        normalization_config=NormalizationConfig(nits=False, malformed_operators=False, basic_latex=True,
                                                 equations=True, boxed="all", units=True),
        boxed_match_priority=0, try_extract_without_anchor=False)], extraction_mode="first_match")
    return float(verify(gold_parsed, answer_parsed))


def accuracy_string(text, gold):
    found = BOXED.findall(text)
    return 1.0 if found and found[-1].strip() == gold.strip() else 0.0


def python_runner(path, limit, use_math_verify, out_path):
    """Scores the first `limit` samples; returns (samples, seconds)."""
    start = time.perf_counter()
    done = 0
    with open(path, encoding="utf-8") as source, open(out_path, "w", encoding="utf-8") as sink:
        for line in source:
            if done >= limit:
                break
            sample = json.loads(line)
            text, gold = sample["completion"], sample["answer"]
            accuracy = accuracy_math_verify(text, gold) if use_math_verify else accuracy_string(text, gold)
            fmt = format_reward(text)
            reward = max(-1.0, min(1.0, 0.1 * fmt + accuracy + soft_overlong(sample["usage"]["completion_tokens"], 16384, 4096)))
            sink.write(json.dumps({"reward": reward, "scores": {"format": fmt, "tags": tag_count_reward(text),
                                                               "correct": accuracy}}) + "\n")
            done += 1
    return done, time.perf_counter() - start


def run_child(arguments):
    """Runs a command; returns (seconds, peak resident memory in MiB) from GNU time."""
    start = time.perf_counter()
    completed = subprocess.run(["/usr/bin/time", "-f", "%M"] + arguments, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"failed: {' '.join(arguments)}\n{completed.stderr}")
    peak_kib = int(completed.stderr.strip().splitlines()[-1])
    return seconds, peak_kib / 1024


def run_all(options, data):
    """Runs Rubric and both Python runners once each; returns (label, samples, seconds, peak MiB) rows."""
    rows = []
    seconds, peak = run_child([RUBRIC, "eval", os.path.join(ROOT, "Examples", "r1_math.rubric"), "--data", data,
                               "--out", os.path.join(OUT, "eval_rubric.jsonl"), "--summary", "none"])
    rows.append(("Rubric (rubric eval)", options.samples, seconds, peak))
    for label, use_mv in (("Python + math-verify", True), ("Python, no math-verify", False)):
        environment = dict(os.environ, RUBRIC_BENCH_MV="1" if use_mv else "0")
        completed = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, __file__, "--python-only",
                                    "--samples", str(options.samples), "--seed", str(options.seed),
                                    "--python-mv-samples", str(options.python_mv_samples)],
                                   capture_output=True, text=True, env=environment)
        if completed.returncode != 0:
            sys.exit(completed.stderr)
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        peak = int(completed.stderr.strip().splitlines()[-1]) / 1024
        rows.append((label, result["samples"], result["seconds"], peak))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--python-mv-samples", type=int, default=1000,
                        help="samples scored by the math-verify runner (its rate is extrapolated)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each runner; the median time is reported (the runners take turns)")
    parser.add_argument("--python-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()

    os.makedirs(OUT, exist_ok=True)
    data = os.path.join(OUT, f"r1_eval_{options.samples}_{options.seed}.jsonl")
    if not os.path.exists(data):
        generate(data, options.samples, options.seed)
    size_mb = os.path.getsize(data) / 1e6

    if options.python_only:  # the child process that runs a Python runner under /usr/bin/time
        use_mv = os.environ["RUBRIC_BENCH_MV"] == "1"
        limit = options.python_mv_samples if use_mv else options.samples
        done, seconds = python_runner(data, limit, use_mv, os.path.join(OUT, "eval_python.jsonl"))
        print(json.dumps({"samples": done, "seconds": seconds}))
        return

    if not options.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rubric"], cwd=ROOT, check=True)
    print(f"{options.samples} samples, {size_mb:.0f} MB of JSONL, {os.cpu_count()} cores", flush=True)

    runs = {}
    for _ in range(options.repeat):
        for label, samples, seconds, peak in run_all(options, data):
            runs.setdefault(label, []).append((seconds, samples, peak))
    rows = []
    for label, results in runs.items():
        results.sort()
        seconds, samples, _ = results[len(results) // 2]
        rows.append((label, samples, seconds, max(peak for _, _, peak in results)))

    rubric_rate = rows[0][1] / rows[0][2]
    print(f"{'runner':<24} {'samples':>8} {'seconds':>8} {'samples/s':>10} {'Rubric is':>10} {'peak MiB':>9}")
    for label, samples, seconds, peak in rows:
        rate = samples / seconds
        print(f"{label:<24} {samples:>8} {seconds:>8.2f} {rate:>10.0f} {rubric_rate / rate:>9.1f}x {peak:>9.0f}")
    with open(os.path.join(OUT, "eval_results.json"), "w", encoding="utf-8") as handle:
        json.dump([dict(zip(("runner", "samples", "seconds", "peak_mib"), row)) for row in rows], handle, indent=1)


if __name__ == "__main__":
    main()
